"""The inspectorate's view: exceptions in the cycle worth an auditor's look."""
