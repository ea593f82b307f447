"""The writers a build runs: each lays out the model, paints it and names the files."""

from __future__ import annotations

from mapgen.build import Job, Output
from mapgen.slugs import unique_slugs


def write_pngs(job: Job) -> list[Output]:
    """Write one journey-map PNG per persona and overview.png."""
    from mapgen.layout import layout_journey, layout_overview
    from mapgen.render.png import paint_png

    png = job.theme.png
    page = png.canvas(job.options.png_size)
    dpi = job.options.dpi or png.resolution(job.options.png_size)
    outputs = []
    personas = job.journeys.personas
    for persona, slug in zip(personas, unique_slugs(p.name for p in personas), strict=True):
        result = layout_journey(job.journeys, persona, job.theme, page=page)
        job.problems.extend(result.problems)
        (scene,) = result.scenes
        job.write(f"{slug}.png", paint_png(scene, job.theme, dpi=dpi))
        outputs.append(Output(f"{slug}.png", "png", persona.name))
    overview = layout_overview(job.journeys, job.theme, page=page)
    job.problems.extend(overview.problems)
    job.write("overview.png", paint_png(overview.scenes[0], job.theme, dpi=dpi))
    outputs.append(Output("overview.png", "png", None))
    return outputs
