"""Preheated-kernel variant: load ../voila.py, then keep a pool of ready kernels.

Use with:  voila --Voila.config_file_paths=<repo>/config/preheat ...
See config/README.md for the trade-off.
"""

import os

c = get_config()  # noqa: F821
load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "voila.py"))  # noqa: F821

c.VoilaConfiguration.preheat_kernel = True
c.VoilaConfiguration.default_pool_size = 2
