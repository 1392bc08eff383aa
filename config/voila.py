"""Voilà server settings for dialoog (used by scripts/serve.sh and tests/browser).

Load with:  voila --Voila.config_file_paths=<repo>/config ...
A Python config (not voila.json) so it can point JUPYTER_PATH at our template dir,
making this one file the single source of truth for every launcher.
"""

import os

c = get_config()  # noqa: F821 (provided by traitlets)

_here = os.path.dirname(os.path.abspath(__file__))

# Our template lives in config/jupyter/voila/templates/dialoog; Voilà finds templates
# via jupyter_path(), which reads JUPYTER_PATH at template-setup time (after this file).
_jp = os.path.join(_here, "jupyter")
if _jp not in os.environ.get("JUPYTER_PATH", "").split(os.pathsep):
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (_jp, os.environ.get("JUPYTER_PATH", "")) if p
    )

c.Voila.ip = "127.0.0.1"
c.Voila.open_browser = False

# No code, no tracebacks for app users; a neutral message instead of Voilà's
# "run Voilà with --show_tracebacks" hint.
c.VoilaConfiguration.template = "dialoog"
c.VoilaConfiguration.strip_sources = True
c.VoilaConfiguration.show_tracebacks = False
c.VoilaExecutor.cell_error_instruction = (
    "Er ging iets mis; herlaad de pagina. / Something went wrong; please reload the page."
)
c.VoilaConfiguration.theme = "light"
c.VoilaConfiguration.allow_theme_override = "NO"

# A page lives as long as its heartbeat (dialoog.js posts one every few seconds): a kernel
# whose page was not heard from for the cull time is shut down, whatever it did before (a
# crashed tab, a phone gone offline, a tab closed without unloading); one that never heard from
# a page (a plain GET) goes after the first-heartbeat timeout. A closed tab stops its kernel at
# once (dialoog.js lets Voilà's unload request through); the manager first lets the kernel
# handle what the page sent last, so the kernel's exit saves it. See config/README.md.
c.VoilaConfiguration.multi_kernel_manager_class = "dialoog.serving.PageKernelManager"
c.MappingKernelManager.cull_idle_timeout = 900  # seconds without a heartbeat: the cull time
c.MappingKernelManager.cull_interval = 10  # how often kernels are looked at
c.PageKernelManager.first_heartbeat_timeout = 60  # seconds after its notebook ran

# Tornado drops websocket messages > 10 MiB (closing the kernel connection). Allow up to
# 80 MiB so a file that passes the page's 64 MiB guard (dialoog.js) plus message framing
# reaches the kernel, where the app can refuse it with a proper message.
# Under a rush (a workshop opening 30 pages at once) pages arrive late and kernels started
# together can pick the same TCP ports: wait longer for output, and talk to kernels over IPC.
c.VoilaExecutor.iopub_timeout = 60
c.KernelManager.transport = "ipc"

# (What is sent is compressed by dialoog.serving: Voilà applies tornado_settings too late for
# compress_response.)
c.Voila.tornado_settings = {"websocket_max_message_size": 80 * 1024 * 1024}
