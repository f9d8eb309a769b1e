"""Markdown computed by the model for the pages, one module per page.

Each public function takes no argument and returns Markdown; a page shows it with
``[[value MODULE.FUNCTION]]``. Nothing here types an AWS number: it comes from the model.
"""
