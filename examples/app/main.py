"""The FastAPI service of examples/stack.ucl (mounted at /srv/app in the jail)."""

import os

from fastapi import FastAPI

app = FastAPI()


@app.get("/")
def root() -> dict[str, str]:
    return {"status": "ok", "database": os.environ.get("DATABASE_URL", "unset")}
