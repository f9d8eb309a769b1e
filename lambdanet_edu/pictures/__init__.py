"""Pictures drawn from the model: network diagrams and charts as accessible SVG strings.

Every number in a picture comes from the model's own functions, so a picture can never disagree
with the text beside it. The code is standard library only and runs in Pyodide too, so an
exercise can draw the learner's own configuration. Each function returns one complete ``<svg>``
element with a ``<title>`` and a ``<desc>`` (ids prefixed by its ``id`` argument: give every
picture on a page its own), and colours that follow Material's light and dark schemes.

Examples:
    >>> from lambdanet_edu.pictures import text_card
    >>> text_card("Quiz", ["Which subnet?"], id="card").count("<text")
    2
"""

from lambdanet_edu.pictures.cards import text_card
from lambdanet_edu.pictures.charts import db_connections_chart, ip_usage_chart, scaling_chart
from lambdanet_edu.pictures.controls import db_controls_chart, egress_cost_chart
from lambdanet_edu.pictures.topology import topology_diagram

__all__ = [
    "db_connections_chart",
    "db_controls_chart",
    "egress_cost_chart",
    "ip_usage_chart",
    "scaling_chart",
    "text_card",
    "topology_diagram",
]
