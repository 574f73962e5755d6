"""The language layer: pure functions, nothing imported from the rest of newsgen.

- ``slugs``: Ukrainian national transliteration (KMU 55/2010), Russian, URL slugs.
- ``collation``: alphabetical order per language (ICU, or a table-driven fallback).
- ``headline``: derived headlines and summaries; ``sentences``: sentence boundaries.
- ``dates``: datelines, month headings and weekdays through Babel; ``scripts``: the alphabet a
  language is written in (a topic spelled "Київ" and "Kyiv" is named in the site's).
- ``entities``: topic tags (people, places, organisations) from the text, on top of
  ``names`` (what a run of capitalised words names), ``morphology`` (pymorphy3)
  and ``lexicon`` (the few word lists the dictionaries do not cover).
"""
