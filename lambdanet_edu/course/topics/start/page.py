"""Pictures for the first page, "Start here", drawn by the model.

The course's central picture: where a VPC-attached function runs (Lambda's own VPC), the
Hyperplane ENIs it uses in your subnets, and its way out through a NAT gateway.
"""

from __future__ import annotations

import lambdanet_edu as ln
from lambdanet_edu.pictures import topology_diagram

__all__ = ["course_diagram"]


def course_diagram() -> str:
    """``orders`` in ``starter_vpc()``'s private subnets, and its path to the internet.

    Examples:
        >>> course_diagram().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        True
    """
    vpc = ln.starter_vpc()
    orders = ln.LambdaFunction("orders", ("subnet-private-a", "subnet-private-b"), ("sg-lambda",))
    return topology_diagram(vpc, [orders], verdict=ln.can_reach(vpc, orders, "internet"),
                            id="course-diagram",
                            title="Where a VPC function runs, the Hyperplane ENIs it uses in "
                                  "your subnets, and its way out")
