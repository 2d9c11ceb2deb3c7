from django_tasks import task


@task()
def escalate_risk(record_id: int) -> bool:
    from mindwell.safety import services

    return services.escalate(record_id)
