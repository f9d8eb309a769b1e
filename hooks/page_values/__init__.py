"""Markdown computed by the model for the pages, one module per page.

Each public function takes no argument and returns Markdown; a page shows it with
``[[value MODULE.FUNCTION]]``. A picture returns an SVG string from :mod:`lambdanet_edu.pictures`
instead, and a page shows it with ``[[picture MODULE.FUNCTION]]``. Nothing here types an AWS number: it comes from the model.
"""
