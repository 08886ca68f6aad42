from celery import shared_task


@shared_task(ignore_result=True)
def reminders_plan_task() -> int:
    from rectification.services.reminders import reminders_plan

    return reminders_plan()
