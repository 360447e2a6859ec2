"""Image file systems for tests of the Spark runner alone, which start no registry: an image
named like an example job (`.../pi:tag`) gets a root whose work dir holds that job's files,
as the image built from `examples/jobs/<name>/` would."""

import shutil
from pathlib import Path

from sandbox.k8s import images

EXAMPLE_JOBS = Path(__file__).resolve().parents[3] / "examples" / "jobs"


def example_image_root(work_root):
    def root(image):
        name = images.parse(image).repository.rsplit("/", 1)[-1]
        source = EXAMPLE_JOBS / name
        if not source.is_dir():
            return None
        rootfs = Path(work_root) / "example-images" / name
        work_dir = rootfs / "opt" / "spark" / "work-dir"
        if not work_dir.exists():
            shutil.copytree(source, work_dir)
        return rootfs
    return root
