"""Background work through Django's tasks framework (django-tasks-db, the queue in the database):
the LKIP rendered ahead of its readers (`render`), whenever an agency-year's data changes
(`pemicu`), and approve-and-sign without holding the request (`tandatangan`).

The worker is `manage.py db_worker --no-reload` (bin/start runs it beside the web server; in
production a process of its own beside gunicorn). The rows of `RenderLaporan` and
`PenandatangananLaporan` hold what the pages show (progress, result, failure); a task carries only
ids, and the row decides whether there is still anything to do, so a task run twice or late does no
harm.
"""
