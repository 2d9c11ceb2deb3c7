"""The maintenance commands an admin can queue from the site (recount points, rebuild the
search index, check the crisis lines): one MaintenanceRun row per request, carried out by
the background worker (django-tasks, the durable database backend), which writes its
progress and result back. The management commands stay for the command line."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from mindwell.accounts import roles
from mindwell.accounts.models import User
from mindwell.audit.services import audit
from mindwell.core.errors import Conflict, DomainError, NotAllowed, NotFound
from mindwell.moderation.models import MaintenanceRun
from mindwell.reputation import services as reputation
from mindwell.safety import emergency
from mindwell.safety.models.crisis import VERIFY_EVERY_DAYS
from mindwell.safety.resources import lines_needing_verification
from mindwell.search import services as search

logger = logging.getLogger(__name__)
Command = MaintenanceRun.Command
State = MaintenanceRun.State
RECOUNT_BATCH = 200
RECENT_RUNS = 10


def _require_admin(actor: User) -> None:
    if not roles.is_admin(actor):
        raise NotAllowed("Only admins can run maintenance tasks.")


@transaction.atomic
def queue_maintenance(*, admin: User, command: str) -> MaintenanceRun:
    """Queue one maintenance command for the worker (the task is queued with the row, in
    the same transaction). The same command is not queued twice while one waits or runs."""
    _require_admin(admin)
    if command not in Command.values:
        raise DomainError("Choose one of the maintenance tasks.")
    active = MaintenanceRun.objects.select_for_update().filter(
        command=command, state__in=[State.QUEUED, State.RUNNING]
    )
    if active.exists():
        raise Conflict("This task is already waiting or running; its progress is shown below.")
    run = MaintenanceRun.objects.create(command=command, requested_by=admin)
    audit(actor=admin, action="maintenance_queued", target=run, reason=run.get_command_display())
    from mindwell.moderation.tasks import run_maintenance

    run_maintenance.enqueue(run_id=run.pk)
    return run


def recent_runs() -> list[MaintenanceRun]:
    return list(MaintenanceRun.objects.select_related("requested_by")[:RECENT_RUNS])


def run_for_admin(*, admin: User, run_id: int) -> MaintenanceRun:
    _require_admin(admin)
    run = MaintenanceRun.objects.filter(pk=run_id).first()
    if run is None:
        raise NotFound("No such maintenance task.")
    return run


def _recount_points(run: MaintenanceRun) -> str:
    ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    _progress(run, done=0, total=len(ids))
    changed = 0
    for start in range(0, len(ids), RECOUNT_BATCH):
        batch = ids[start : start + RECOUNT_BATCH]
        changed += reputation.recount_points(user_ids=batch)
        _progress(run, done=start + len(batch), total=len(ids))
    return f"Recounted {len(ids):,} members' points; {changed:,} total(s) corrected."


def _rebuild_search_index(run: MaintenanceRun) -> str:
    count, seconds = search.rebuild_index()
    _progress(run, done=count, total=count)
    return f"Indexed {count:,} questions in {seconds:.1f} s."


def _check_crisis_lines(run: MaintenanceRun) -> str:
    today = timezone.localdate()
    stale = lines_needing_verification(days=VERIFY_EVERY_DAYS, today=today)
    parts = []
    if stale:
        names = "; ".join(f"{line.country or 'intl'}: {line.service_name}" for line in stale)
        parts.append(
            f"{len(stale)} active crisis line(s) not verified in the last {VERIFY_EVERY_DAYS} "
            f"days: {names}. Check each with its service and mark it verified in the admin."
        )
    if today - datetime.timedelta(days=VERIFY_EVERY_DAYS) > emergency.CHECKED_ON:
        parts.append(
            f"The built-in emergency numbers were last checked on "
            f"{emergency.CHECKED_ON.isoformat()}."
        )
    _progress(run, done=1, total=1)
    return " ".join(parts) or (
        f"All active crisis lines were verified in the last {VERIFY_EVERY_DAYS} days."
    )


RUNNERS: dict[str, Callable[[MaintenanceRun], str]] = {
    Command.RECOUNT_POINTS: _recount_points,
    Command.REBUILD_SEARCH_INDEX: _rebuild_search_index,
    Command.CHECK_CRISIS_LINES: _check_crisis_lines,
}


def _progress(run: MaintenanceRun, *, done: int, total: int) -> None:
    run.done, run.total = done, total
    MaintenanceRun.objects.filter(pk=run.pk).update(done=done, total=total)


def perform(run_id: int) -> str:
    """Carry out a queued run (the worker's task): RUNNING, then DONE with the result or
    FAILED with the error. A run already finished is left alone (a task delivered twice)."""
    run = MaintenanceRun.objects.filter(pk=run_id).first()
    if run is None or run.state in (State.DONE, State.FAILED):
        return "skipped"
    MaintenanceRun.objects.filter(pk=run.pk).update(state=State.RUNNING, started_at=timezone.now())
    try:
        result = RUNNERS[run.command](run)
    except Exception as error:
        logger.exception("Maintenance task %s failed", run.command)
        MaintenanceRun.objects.filter(pk=run.pk).update(
            state=State.FAILED, result=f"Failed: {error}"[:2000], finished_at=timezone.now()
        )
        audit(actor=None, action="maintenance_failed", target=run, reason=str(error)[:300])
        raise
    MaintenanceRun.objects.filter(pk=run.pk).update(
        state=State.DONE, result=result, finished_at=timezone.now()
    )
    audit(actor=None, action="maintenance_done", target=run, reason=result[:300])
    return result
