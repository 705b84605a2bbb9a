from django import template
from django.utils.html import format_html

from ..choices import TaskStatus

register = template.Library()

COLOURS = {
    TaskStatus.DONE_ON_TIME: "success",
    TaskStatus.DONE_LATE: "info",
    TaskStatus.IN_PROGRESS: "secondary",
    TaskStatus.OVERDUE: "danger",
}


@register.simple_tag
def status_badge(status) -> str:
    status = TaskStatus(status)
    return format_html(
        '<span class="badge text-bg-{} text-wrap" data-status="{}">{}</span>',
        COLOURS[status],
        status.value,
        status.label,
    )
