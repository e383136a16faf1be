"""Domain exceptions that views turn into GOV.UK error messages."""


class DomainError(Exception):
    """A rule of the domain refused the action; the message is fit to show to the user."""


class NotPermitted(DomainError):
    pass


class DuplicateEmail(DomainError):
    pass


class WrongPassword(DomainError):
    pass


class NotFound(DomainError):
    pass
