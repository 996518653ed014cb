"""assessor-app: offline recording and sign-off of vocational assessment evidence."""


def __getattr__(name: str):
    # The version is read from pyproject.toml or the package metadata only when someone asks for it.
    if name == "__version__":
        from assessor_app.version import app_version
        return app_version()
    raise AttributeError(f"module 'assessor_app' has no attribute {name!r}")
