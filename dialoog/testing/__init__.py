"""Test tooling, shared by the test suite and the benchmarks; the app never imports it.

`browser`: a Voilà server in a subprocess (the same config as scripts/serve.sh), Debian's
chromium settings for Playwright, and waits for a rendered page.
"""
