"""Import errors. Every problem names where it is (`tenants[0].contacts[41].email`), so a person
can fix a file of 10,000 records without bisecting it."""


class ImportFailed(Exception):
    """The file cannot be imported; nothing of it was written."""


class InvalidRecord(ImportFailed):
    """One or more records are invalid. `problems` lists them as `position.field: reason`."""

    MAX_REPORTED = 50

    def __init__(self, problems: list[str]):
        self.problems = problems[: self.MAX_REPORTED]
        self.total = len(problems)
        more = f" (and {self.total - 1} more)" if self.total > 1 else ""
        super().__init__(f"{problems[0]}{more}")


class Problems:
    """Collects problems during validation so that one run reports many of them, not just the
    first; stops collecting past a cap to bound memory on a badly broken file."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, reason: str) -> None:
        if len(self.items) <= InvalidRecord.MAX_REPORTED:
            self.items.append(f"{where}: {reason}")

    @property
    def full(self) -> bool:
        """Past the cap: reading on would only count problems nobody is shown."""
        return len(self.items) > InvalidRecord.MAX_REPORTED

    def raise_if_any(self) -> None:
        if self.items:
            raise InvalidRecord(self.items)
