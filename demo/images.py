"""Abstract illustrations for the demo content, drawn locally with Pillow.

Each drawing is seeded by its name, so the same demo content always gets the
same pictures.
"""

import functools
import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

MOTIFS = ("circles", "waves", "stripes", "grid", "arcs", "portrait")


def _rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def draw(motif, palette, size=(1600, 900), seed=""):
    """Return JPEG bytes of an abstract drawing in the given colours."""
    if motif not in MOTIFS:
        raise ValueError(f"Unknown motif {motif!r}; choose one of {', '.join(MOTIFS)}.")
    colours = [_rgb(c) for c in palette] or [(31, 78, 95), (242, 232, 207)]
    while len(colours) < 3:
        colours.append(colours[-1])
    rng = random.Random(f"{motif}:{seed}")
    width, height = size
    image = Image.new("RGB", size, colours[0])
    pen = ImageDraw.Draw(image)
    globals()[f"_draw_{motif}"](pen, rng, width, height, colours)
    image = image.filter(ImageFilter.GaussianBlur(radius=1.2))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


@functools.cache
def draw_once(motif, palette, size=(1600, 900), seed=""):
    """draw(), remembered for this process (`palette` a tuple): the demo content
    and the benchmarks' images may be made many times in one, as in the tests."""
    return draw(motif, palette, size=size, seed=seed)


def _draw_circles(pen, rng, width, height, colours):
    for _ in range(9):
        r = rng.randint(height // 10, height // 3)
        x, y = rng.randint(0, width), rng.randint(0, height)
        pen.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(colours[1:]))


def _draw_waves(pen, rng, width, height, colours):
    bands = 6
    for band in range(bands, 0, -1):
        base = height * band / (bands + 1)
        amplitude = rng.randint(height // 30, height // 10)
        phase = rng.random() * math.tau
        points = [
            (x, base + amplitude * math.sin(phase + x / width * math.tau * 1.5))
            for x in range(0, width + 20, 20)
        ]
        pen.polygon([*points, (width, height), (0, height)], fill=colours[1 + band % 2])


def _draw_stripes(pen, rng, width, height, colours):
    step = rng.randint(width // 14, width // 8)
    for i, x in enumerate(range(-height, width + height, step)):
        pen.polygon(
            [(x, 0), (x + step // 2, 0), (x + step // 2 + height, height), (x + height, height)],
            fill=colours[1 + i % 2],
        )


def _draw_grid(pen, rng, width, height, colours):
    cell = height // 6
    for gx in range(0, width, cell):
        for gy in range(0, height, cell):
            if rng.random() < 0.45:
                inset = cell // 8
                pen.rectangle(
                    (gx + inset, gy + inset, gx + cell - inset, gy + cell - inset),
                    fill=rng.choice(colours[1:]),
                )


def _draw_arcs(pen, rng, width, height, colours):
    cx, cy = rng.randint(0, width), height
    for i, r in enumerate(range(int(width * 1.2), 0, -height // 7)):
        pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colours[i % len(colours)])


def _draw_portrait(pen, rng, width, height, colours):
    cx = width // 2
    head = min(width, height) // 5
    pen.ellipse((cx - head, height * 0.2, cx + head, height * 0.2 + 2 * head), fill=colours[1])
    pen.ellipse((cx - 2.2 * head, height * 0.68, cx + 2.2 * head, height * 1.6), fill=colours[2])
