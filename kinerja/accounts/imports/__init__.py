"""Importing the organisation (units, positions, employees, assessor overrides) from Excel/CSV.

Lives in accounts because an import also creates the employees' logins, and accounts may use
organisations but not the other way round. Pipeline: `reader` turns a file into raw rows,
`validation` checks every row and builds a plan, `commit` writes the plan in one transaction.
"""
