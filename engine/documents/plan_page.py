"""`advise groups --format html`: the prefecture's plan as one self-contained page with its map.

The map colours each municipality by its proposed group (neighbouring groups get
different colours: a greedy colouring of the groups' adjacency, so a palette of
ten is enough), hatches the members of groups already known, and writes names
where they fit (engine/groups/maps.py). No script, no external file.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..groups.graph import national_graph
from ..groups.maps import Shape, render_map
from ..paths import TEMPLATES_DIR

# Light qualitative colours (ColorBrewer Set3), dark text stays legible on them.
PALETTE = ("#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#bc80bd",
           "#ccebc5")
KNOWN = "#d9d9d9"


def group_colours(knowledge, plan: dict) -> dict[int, str]:
    """Group number -> colour; two groups that share a border or a sea link never share a colour
    (while the palette lasts; it repeats only for a group with ten coloured neighbours)."""
    graph = national_graph(knowledge)
    number_of = {m["code"]: g["number"] for g in plan["groups"] for m in g["members"]}
    touching: dict[int, set] = {g["number"]: set() for g in plan["groups"]}
    for code, number in number_of.items():
        for other in graph.neighbors(code):
            if other in number_of and number_of[other] != number:
                touching[number].add(number_of[other])
    colours: dict[int, str] = {}
    used = {c: 0 for c in PALETTE}
    # Most constrained first (most neighbours), then by number: deterministic. Among the colours no
    # neighbour has, the least used so far: with ten groups or fewer, every group has its own.
    for number in sorted(touching, key=lambda n: (-len(touching[n]), n)):
        taken = {colours[n] for n in touching[number] if n in colours}
        free = [c for c in PALETTE if c not in taken] or list(PALETTE)
        colours[number] = min(free, key=lambda c: (used[c], PALETTE.index(c)))
        used[colours[number]] += 1
    return colours


def plan_map(knowledge, plan: dict, lang: str) -> tuple[Markup, dict[int, str]]:
    colours = group_colours(knowledge, plan)
    shapes = []
    for g in plan["groups"]:
        for m in g["members"]:
            title = (f"{m['name']}: 案{g['number']}" if lang == "ja" else f"{m['name']}: group {g['number']}")
            shapes.append(Shape(m["code"], colours[g["number"]], css=f"group-{g['number']}", title=title,
                                label=m["name"]))
    for m in plan["already_in_group"]:
        shapes.append(Shape(m["code"], KNOWN, css="known", title=f"{m['name']}: {m['group']}", label=m["name"],
                            hatch=True))
    for m in plan.get("left_out", []):
        shapes.append(Shape(m["code"], "#ffffff", css="left-out", title=m["name"], label=m["name"]))
    for m in plan["large"]:
        shapes.append(Shape(m["code"], "#ffffff", css="large", title=f"{m['name']}: {plan['large_reason'][lang]}",
                            label=m["name"]))
    legend = [(KNOWN, "既にグループに参加 / already in a group", True)] if plan["already_in_group"] else []
    if plan["large"]:
        legend.append(("#ffffff", "大規模団体（新たなグループの候補にしない）/ large, not planned", False))
    title = (f"{plan['prefecture']}のグループ案（{plan['as_of']}）" if lang == "ja"
             else f"Candidate groups of {plan['prefecture']} ({plan['as_of']})")
    svg = render_map(knowledge, shapes, width=720, max_height=720, title=title, legend=legend, tolerance=0.5)
    return Markup(svg), colours


def render_plan_html(knowledge, plan: dict, lang: str = "ja") -> str:
    svg, colours = plan_map(knowledge, plan, lang)
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("groups.html.j2").render(plan=plan, map=svg, colours=colours, lang=lang)
