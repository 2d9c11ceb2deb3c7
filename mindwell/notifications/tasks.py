"""Background work for notifications, run by the db_worker. Tasks take ids."""

from django_tasks import task


@task()
def deliver_event(kind: str, object_id: int, message: str = "") -> None:
    from mindwell.notifications import services

    services.deliver(kind=kind, object_id=object_id, message=message)


@task()
def send_email(email_id: str) -> None:
    from mindwell.notifications import services

    services.send_outbound_email(email_id=email_id)


@task()
def send_digest(user_id: int) -> None:
    from mindwell.notifications import services

    services.send_digest(user_id=user_id)


@task()
def send_event_webhook(delivery_id: int) -> str:
    from mindwell.notifications import webhooks

    return webhooks.send(delivery_id)
