#!/usr/bin/env python3
"""Marks a symbol-version requirement of an ELF64 shared library weak (VER_FLG_WEAK), in place.

glibc's loader refuses a library whose version needs are missing from the libraries it depends on, unless the need is
weak. Usage: weaken_version.py LIBRARY VERSION [VERSION ...]. Prints what it changed; exits 1 when a VERSION is not
among the library's needs."""
import struct, sys

SHT_GNU_VERNEED = 0x6ffffffe
VER_FLG_WEAK = 0x2

def weaken(path, versions):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise SystemExit(f"{path}: not a little-endian ELF64 file")
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
        found = set()
        for name, kind, flags, addr, offset, size, link, info, align, entsize in sections:
            if kind != SHT_GNU_VERNEED:
                continue
            strtab = sections[link][4]
            entry = offset
            for _ in range(info):
                vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, entry)
                aux = entry + vn_aux
                for _ in range(vn_cnt):
                    vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                    end = data.index(0, strtab + vna_name)
                    version = data[strtab + vna_name:end].decode()
                    if version in versions:
                        struct.pack_into("<H", data, aux + 4, vna_flags | VER_FLG_WEAK)
                        found.add(version)
                        print(f"{path}: {version} is now a weak requirement")
                    aux += vna_next
                entry += vn_next
        missing = set(versions) - found
        if missing:
            raise SystemExit(f"{path}: no version requirement named {', '.join(sorted(missing))}")
        f.seek(0)
        f.write(data)

if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    weaken(sys.argv[1], sys.argv[2:])
