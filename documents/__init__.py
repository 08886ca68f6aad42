"""Documents that go into the file: one builder per format, shared by every export.

A plain package: it imports Django's translation and time helpers but no app of this project,
so every app may import it (and no app's rules live here).

- ``documents.xlsx`` — every .xlsx export. ``xlsx_bytes(Table(...), ...)`` builds a workbook
  whose sheets print on A4 landscape, one page wide, with a title row (who · what · as of
  when), the header row repeated on each page and frozen, wrapped text, widths fitted to the
  content (CJK counted double), dates as dates — and every user text written as text, never a
  formula (``safe_text`` / ``write_cell``: formula injection).
- ``documents.docx`` — every .docx export in the layout of GB/T 9704-2012 (党政机关公文格式):
  ``GovDocument(title=...)``, then ``.heading(level, text)`` (numbered 一、(一)1.(1)),
  ``.paragraph(text)``, ``.table(header, rows)``, ``.signature(...)`` and ``.to_bytes()``.
- ``documents.ics`` — ``calendar_bytes(events)``: an .ics with a VTIMEZONE for every TZID
  it names (RFC 5545 §3.6.5).

Each module's docstring shows a complete example.
"""
