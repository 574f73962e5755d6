"""Pagefind's bundle, made byte-identical from run to run, with short page names.

Pagefind (1.5) writes its filter index from a hash map, so the order of the tag values,
and with it the names of the filter chunks, the metadata file and pagefind-entry.json,
changes from run to run (Pagefind#638: "filter/metadata indexes will still change").
newsgen promises byte-identical builds, so these few files are rewritten in a canonical
order. The rewrite first checks that it re-encodes Pagefind's own bytes exactly; a
format it does not recognise is left as Pagefind wrote it.

A reader's first query downloads every shard's page list: per page its name (its fragment's
file) and word count. Pagefind names a page by a hash of its content ("uk_3893a8c"), which
gzip cannot shorten; renamed a digest of the whole index and a number ("9f2c41d07e1a"), the
page list is a third smaller (bench/README.md). The digest keeps what Pagefind's hashes give:
a page's name changes whenever the index does, so a browser or CDN never serves a cached
fragment for another page, and no two shards share a name (search.js tells results apart by it).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib


ENTRY = "pagefind-entry.json"  # a Pagefind bundle's entry file, listing its languages
PAGE_DIGEST = 10  # hex digits of an index's key that start its page names: unique among a bundle's shards
_SIGNATURE = b"pagefind_dcd"


class UnknownFormat(Exception):
    pass


def stable_bundle(files: dict[str, bytes], key: str = "") -> dict[str, bytes]:
    """A shard's ``files`` with the filter chunks and metadata in a canonical order and named by
    content; given ``key`` (a hex digest of everything the index depends on), its pages named by its
    start and a number."""
    try:
        return _stable_bundle(files, key[:PAGE_DIGEST])
    except (UnknownFormat, KeyError, ValueError, TypeError, IndexError, OSError, EOFError, zlib.error):
        return files


def _stable_bundle(files: dict[str, bytes], digest: str) -> dict[str, bytes]:
    out = dict(files)
    entry_name = ENTRY
    entry_bytes = out[entry_name]
    languages = json.loads(entry_bytes)["languages"]
    number = 0  # pages are numbered across the languages (each has a page list of its own)
    for language in sorted(languages):
        old_meta = languages[language]["hash"]
        meta = read_chunk(out.pop(f"pagefind.{old_meta}.pf_meta"))
        if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)):
            raise UnknownFormat("metadata")
        filters = []
        for pair in sorted(meta[3]):
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
                raise UnknownFormat("filter list")
            name, chunk = pair
            value = _canonical_filter(read_chunk(out.pop(f"filter/{chunk}.pf_filter")), name)
            filters.append([name, _put_filter(out, language, value)])
        meta[3] = filters
        if digest:
            number = _rename_pages(out, meta[1], digest, number)
        entry_bytes = replace_meta(out, entry_bytes, language, old_meta, meta)
    out[entry_name] = entry_bytes
    return out


def _rename_pages(files: dict[str, bytes], pages: object, digest: str, first: int) -> int:
    """Each page of ``pages`` ([[name, word count], ...]) and its fragment named ``digest`` + its number
    in hexadecimal, numbered from ``first``; the next number."""
    if not (isinstance(pages, list) and all(isinstance(page, list) and len(page) == 2 and isinstance(page[0], str)
                                            for page in pages)):
        raise UnknownFormat("page list")
    fragments = [files.pop(f"fragment/{page[0]}.pf_fragment") for page in pages]
    for number, (page, fragment) in enumerate(zip(pages, fragments), start=first):
        page[0] = f"{digest}{number:x}"
        files[f"fragment/{page[0]}.pf_fragment"] = fragment
    return first + len(pages)


def add_to_filter(files: dict[str, bytes], language: str, chunk: str, pages: list[int]) -> str:
    """The filter chunk ``chunk`` of a filter with one value (a page's shard), with ``pages`` added to
    its pages, put into ``files`` in its place; its new name. Raises UnknownFormat for another filter."""
    name, values = read_chunk(files.pop(f"filter/{chunk}.pf_filter"))
    if len(values) != 1:
        raise UnknownFormat(f"filter {name} of {len(values)} values")
    values[0][1] = sorted({*values[0][1], *pages})
    return _put_filter(files, language, [name, values])


def _put_filter(files: dict[str, bytes], language: str, value: list) -> str:
    """A filter chunk into ``files``, named by its content."""
    data = _write_chunk(value)
    chunk = f"{language}_{hashlib.sha256(data).hexdigest()[:7]}"
    files[f"filter/{chunk}.pf_filter"] = data
    return chunk


def replace_meta(files: dict[str, bytes], entry: bytes, language: str, old_hash: str, meta: object) -> bytes:
    """Put ``meta`` into ``files`` as a language's metadata file, named by its content; the entry
    file's bytes naming it instead of ``old_hash``. (The old file is the caller's to remove.)"""
    data = _write_chunk(meta)
    new_hash = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
    files[f"pagefind.{new_hash}.pf_meta"] = data
    old, new = f'"{old_hash}"'.encode(), f'"{new_hash}"'.encode()
    if entry.count(old) != 1:
        raise UnknownFormat("entry")
    return entry.replace(old, new)


def _canonical_filter(value: object, name: str) -> list:
    """A filter chunk, ``[name, [[value, [page, ...]], ...]]``, sorted by value and page."""
    if not (isinstance(value, list) and len(value) == 2 and value[0] == name and isinstance(value[1], list)):
        raise UnknownFormat("filter chunk")
    for item in value[1]:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], list)
                and all(isinstance(page, int) for page in item[1])):
            raise UnknownFormat("filter value")
    return [name, sorted([text, sorted(pages)] for text, pages in value[1])]


def read_chunk(data: bytes) -> object:
    raw = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    if not raw.startswith(_SIGNATURE):
        raise UnknownFormat("signature")
    body = raw[len(_SIGNATURE):]
    value, end = _cbor_decode(body, 0)
    if end != len(body) or _cbor_encode(value) != body:
        raise UnknownFormat("does not re-encode to the same bytes")
    return value


def _write_chunk(value: object) -> bytes:
    return gzip.compress(_SIGNATURE + _cbor_encode(value), compresslevel=9, mtime=0)


def _cbor_decode(data: bytes, at: int) -> tuple[object, int]:
    """The subset of CBOR Pagefind's indexes use: integers, strings, arrays and maps."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        number = info
    elif info <= 27:
        size = 1 << (info - 24)
        number, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise UnknownFormat(f"CBOR item {data[at - 1]:#x}")
    if major == 0:
        return number, at
    if major == 1:
        return -1 - number, at
    if major in (2, 3):
        chunk = data[at : at + number]
        return (bytes(chunk) if major == 2 else chunk.decode("utf-8")), at + number
    if major == 4:
        items = []
        for _ in range(number):
            item, at = _cbor_decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(number):
            key, at = _cbor_decode(data, at)
            mapping[key], at = _cbor_decode(data, at)
        return mapping, at
    raise UnknownFormat(f"CBOR major type {major}")


def _cbor_head(major: int, number: int) -> bytes:
    if number < 24:
        return bytes([major << 5 | number])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if number < 1 << (8 * size):
            return bytes([major << 5 | info]) + number.to_bytes(size, "big")
    raise UnknownFormat("integer too large")


def _cbor_encode(value: object) -> bytes:
    if isinstance(value, bool) or value is None:
        raise UnknownFormat("simple value")
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _cbor_head(3, len(encoded)) + encoded
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(item) for item in value)
    if isinstance(value, dict):
        return _cbor_head(5, len(value)) + b"".join(_cbor_encode(k) + _cbor_encode(v) for k, v in value.items())
    raise UnknownFormat(type(value).__name__)
