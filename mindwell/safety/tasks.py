from django_tasks import task


@task()
def escalate_risk(record_id: int) -> bool:
    from mindwell.safety import alerts

    return alerts.escalate(record_id)


@task()
def alert_review_batch() -> int:
    from mindwell.safety import alerts

    return alerts.send_review_batch()


@task()
def end_shift(user_id: int, until_iso: str) -> bool:
    from mindwell.safety import duty

    return duty.end_shift(user_id, until_iso)


@task()
def send_webhook(delivery_id: int) -> str:
    from mindwell.safety import webhooks

    return webhooks.send(delivery_id)
