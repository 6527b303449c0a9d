"""One exception tree, translated once into a one-line message and an exit code by the CLI.

Exit codes (cron reads these; README "Exit codes" documents them):
0 built; 1 built but some sources failed; 2 usage or configuration error; 3 nothing to brief;
4 build failed, previous outputs untouched; 5 built, delivery failed.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_SOURCES_FAILED = 1
EXIT_USAGE = 2
EXIT_NOTHING = 3
EXIT_BUILD_FAILED = 4
EXIT_DELIVERY_FAILED = 5


class BriefingsError(Exception):
    """Base of every error the CLI reports as one line."""

    exit_code = EXIT_BUILD_FAILED


class ConfigError(BriefingsError):
    """A bad config file, flag or taxonomy; the message names the file and the key."""

    exit_code = EXIT_USAGE


class SourceError(BriefingsError):
    """One input (file, feed, page) could not be read; the message names it."""

    exit_code = EXIT_NOTHING


class NothingToBrief(BriefingsError):
    """No article in the window. ``failures`` names each input that could not be read, so
    the CLI can report every one of them before the final error line."""

    exit_code = EXIT_NOTHING

    def __init__(self, message: str, failures: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.failures = failures


class RenderError(BriefingsError):
    exit_code = EXIT_BUILD_FAILED


class OutputError(BriefingsError):
    """The output folder cannot be written."""

    exit_code = EXIT_BUILD_FAILED


class DeliveryError(BriefingsError):
    exit_code = EXIT_DELIVERY_FAILED
