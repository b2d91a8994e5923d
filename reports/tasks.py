"""Background work: PDF and DOCX renderings run in the task worker (`manage.py
db_worker`), outside the request and outside the transaction that asked for them."""

from django.tasks import task


@task()
def render_document(rendering_id: int) -> None:
    from reports.services import rendering_run  # services queue this task: import at call time

    rendering_run(rendering_id=rendering_id)
