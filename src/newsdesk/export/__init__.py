"""Exports of the store for readers outside newsdesk (Spark, Ray, pandas, DuckDB): :mod:`newsdesk.export.parquet`."""
