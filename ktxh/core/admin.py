"""Admin pieces shared by the apps."""


class ReadOnlyMixin:
    """History and workflow rows are written by the services only, never in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
