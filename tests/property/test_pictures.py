"""Property tests: pictures keep any text as text, and draw exactly the model's ENIs."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from lambdanet_edu import LambdaFunction, SecurityGroup, Subnet, Vpc, hyperplane_enis
from lambdanet_edu.pictures import text_card, topology_diagram

SETTINGS = settings(max_examples=150, deadline=None)
NS = "{http://www.w3.org/2000/svg}"
SUBNETS = [Subnet(f"subnet-{c}", f"10.0.{i}.0/24", availability_zone=f"az-{i % 2}")
           for i, c in enumerate("abcd")]
GROUPS = [f"sg-{c}" for c in "pqrs"]
VPC = Vpc("vpc-p", "10.0.0.0/16", subnets=SUBNETS,
          security_groups=[SecurityGroup(g) for g in GROUPS])
HOSTILE = st.one_of(st.text(), st.sampled_from([
    "<script>alert(1)</script>", "a & b", "]]><x/>", '" onload="alert(1)', "\x00\x1f\ud800",
    "</text><script>1</script>", "&amp;", "<!--", "<?xml?>"]))


def visible(text: str) -> str:
    """The characters a reader can see: no whitespace, nothing XML cannot hold."""
    return "".join(c for c in text if not c.isspace() and c != "\ufffd"
                   and (c in "\t\n\r" or 0x20 <= ord(c) <= 0xD7FF or 0xE000 <= ord(c) <= 0xFFFD
                        or ord(c) >= 0x10000))


def drawn(root: ET.Element) -> str:
    return "".join("".join(t.itertext()) for t in root.iter(f"{NS}text"))


class TestAnyTextStaysText:
    """Learner-visible text is escaped: whatever a title or a line holds, the SVG still parses,
    holds no element but the picture's own, and shows the text's characters in order."""

    @SETTINGS
    @given(title=HOSTILE, lines=st.lists(HOSTILE, max_size=4))
    def test_text_card(self, title: str, lines: list[str]) -> None:
        root = ET.fromstring(text_card(title, lines, id="card"))
        assert {e.tag.removeprefix(NS) for e in root.iter()} <= {"svg", "title", "desc", "style",
                                                                 "rect", "text"}
        assert visible(root.find(f"{NS}title").text or "") == visible(title)
        assert visible(drawn(root)) == visible(title + "".join(lines))

    @SETTINGS
    # Names the model accepts: no spaces, and (issue 13) no control or format characters.
    @given(names=st.lists(st.text(min_size=1, max_size=30).filter(
        lambda s: s.isprintable() and not any(c.isspace() for c in s)), min_size=1, max_size=4,
        unique=True))
    def test_function_names_in_the_diagram(self, names: list[str]) -> None:
        fns = [LambdaFunction(n, ["subnet-a"], ["sg-p"]) for n in names]
        root = ET.fromstring(topology_diagram(VPC, fns))
        assert not [e for e in root.iter() if e.tag.removeprefix(NS) in ("script", "foreignObject")]
        desc = visible(root.find(f"{NS}desc").text)
        assert all(visible(n) in desc for n in names)


class TestOneBoxPerEni:
    """"The first time you attach a function to a VPC using a particular subnet and security
    group combination, Lambda creates a Hyperplane ENI. Other functions in your account that
    use the same subnet and security group combination can also use this ENI."
    - https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html

    The diagram draws one ENI box per combination, in its subnet, whatever the functions.
    """

    @SETTINGS
    @given(st.lists(st.tuples(
        st.lists(st.sampled_from([s.subnet_id for s in SUBNETS]), min_size=1, max_size=4,
                 unique=True),
        st.lists(st.sampled_from(GROUPS), min_size=1, max_size=4, unique=True)),
        min_size=1, max_size=8))
    def test_boxes_match_hyperplane_enis(self, spec: list[tuple[list[str], list[str]]]) -> None:
        fns = [LambdaFunction(f"fn{i}", subnets, groups)
               for i, (subnets, groups) in enumerate(spec)]
        root = ET.fromstring(topology_diagram(VPC, fns))
        boxes = sorted(e.get("data-eni") for e in root.iter(f"{NS}rect") if e.get("data-eni"))
        assert boxes == sorted(f"{e.subnet_id}|{','.join(sorted(e.security_group_ids))}"
                               for e in hyperplane_enis(fns))
