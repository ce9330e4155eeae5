"""The error hierarchy. The CLI maps these to exit codes and the API to HTTP statuses, each in one place."""


class QAError(Exception):
    """Base of every error qa reports to a user; the message is meant to be shown as is."""

    code = "error"


class InvalidInput(QAError):
    """The caller's input is malformed (empty question, bad k, unknown language...)."""

    code = "invalid_input"


class NotFound(QAError):
    """An id (document, passage) that does not exist."""

    code = "not_found"


class ConfigError(QAError):
    """A setting is invalid; the message names the key."""

    code = "config_error"


class IndexMissing(QAError):
    """No index has been built yet."""

    code = "index_missing"


class IndexMismatch(QAError):
    """The index was built with other settings (model, chunking) than the ones in force."""

    code = "index_mismatch"


class IndexCorrupt(QAError):
    """An index file is truncated or unreadable."""

    code = "index_corrupt"


class NotReady(QAError):
    """The service has not finished loading."""

    code = "not_ready"


class Unauthorized(QAError):
    """A required API key is missing or wrong."""

    code = "unauthorized"


class Forbidden(QAError):
    """The operation is disabled by configuration."""

    code = "forbidden"


class PayloadTooLarge(QAError):
    code = "payload_too_large"


class UnsupportedMediaType(QAError):
    code = "unsupported_media_type"
