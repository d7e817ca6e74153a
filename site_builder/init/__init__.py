"""``openness init``: a new partnership's folder, ready to build (:mod:`.create`), and the build's
check that private files cannot be committed by mistake (:mod:`.gitcheck`) and that no gap left to
fill is published unnoticed (:mod:`.gaps`)."""

from site_builder.init.create import InitResult, init_project
from site_builder.init.gaps import unfilled_gaps
from site_builder.init.gitcheck import private_files_warning

__all__ = ["InitResult", "init_project", "private_files_warning", "unfilled_gaps"]
