"""Live workshops: a facilitator's session, participants on their own devices, pooled results.

`store` keeps sessions and submissions in one database shared by every kernel (SQLite by
default, PostgreSQL when DIALOOG_DATABASE_URL is set); `codes` makes the join codes and the
facilitator's secret; `pooling`, `charts` and `export` turn submissions into the room's view.
"""
