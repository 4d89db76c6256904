#!/usr/bin/env python3
"""Builds a synthetic host tree of N files and prints an OVAL document that walks it.

Usage: synthetic-tree.py FOLDER N > tree.xml

The tree has folders of 100 entries, nested two levels (FOLDER/dNNN/dNNN/fNN...); one file in a thousand is
world-writable, one in a hundred is a .conf file with a line the textfilecontent54 object looks for. The OVAL
document has the recursive objects real content uses: every file under FOLDER filtered to world-writable ones, every
folder filtered to world-writable ones without the sticky bit, and a pattern over every .conf file.
"""
import os
import sys

folder, count = sys.argv[1], int(sys.argv[2])
per_folder = 100
made = 0
top = 0
while made < count:
    for middle in range(per_folder):
        if made >= count:
            break
        leaf = os.path.join(folder, f"d{top:04d}", f"d{middle:03d}")
        os.makedirs(leaf, exist_ok=True)
        for index in range(min(per_folder, count - made)):
            number = made + index
            name = f"f{index:02d}.conf" if number % 100 == 7 else f"f{index:02d}"
            path = os.path.join(leaf, name)
            with open(path, "w") as handle:
                if name.endswith(".conf"):
                    handle.write("# synthetic\nsetting = on\n")
            if number % 1000 == 13:
                os.chmod(path, 0o666)
        made += min(per_folder, count - made)
    top += 1

print(f"""<?xml version="1.0" encoding="UTF-8"?>
<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
    xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"
    xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent"
    xmlns:unix="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <generator><oval:product_name>palisade bench</oval:product_name><oval:schema_version>5.11</oval:schema_version>
    <oval:timestamp>2024-01-01T00:00:00</oval:timestamp></generator>
  <definitions>
    <definition id="oval:bench:def:1" version="1" class="compliance">
      <metadata><title>synthetic tree</title><description>world-writable files and folders, a setting</description></metadata>
      <criteria operator="AND">
        <criterion test_ref="oval:bench:tst:1"/>
        <criterion test_ref="oval:bench:tst:2"/>
        <criterion test_ref="oval:bench:tst:3"/>
      </criteria>
    </definition>
  </definitions>
  <tests>
    <unix:file_test id="oval:bench:tst:1" version="1" check="all" check_existence="none_exist" comment="no world-writable file">
      <unix:object object_ref="oval:bench:obj:1"/>
    </unix:file_test>
    <unix:file_test id="oval:bench:tst:2" version="1" check="all" check_existence="none_exist" comment="no world-writable folder without sticky bit">
      <unix:object object_ref="oval:bench:obj:2"/>
    </unix:file_test>
    <ind:textfilecontent54_test id="oval:bench:tst:3" version="1" check="all" check_existence="at_least_one_exists" comment="settings on">
      <ind:object object_ref="oval:bench:obj:3"/>
    </ind:textfilecontent54_test>
  </tests>
  <objects>
    <unix:file_object id="oval:bench:obj:1" version="1">
      <unix:behaviors recurse="directories" recurse_direction="down" max_depth="-1" recurse_file_system="local"/>
      <unix:path>{folder}</unix:path>
      <unix:filename operation="pattern match">^.*$</unix:filename>
      <filter action="include">oval:bench:ste:1</filter>
    </unix:file_object>
    <unix:file_object id="oval:bench:obj:2" version="1">
      <unix:behaviors recurse="directories" recurse_direction="down" max_depth="-1" recurse_file_system="local"/>
      <unix:path>{folder}</unix:path>
      <unix:filename xsi:nil="true"/>
      <filter action="include">oval:bench:ste:2</filter>
    </unix:file_object>
    <ind:textfilecontent54_object id="oval:bench:obj:3" version="1">
      <ind:behaviors recurse_direction="down" max_depth="-1"/>
      <ind:path>{folder}</ind:path>
      <ind:filename operation="pattern match">\\.conf$</ind:filename>
      <ind:pattern operation="pattern match">^setting\\s*=\\s*(\\w+)$</ind:pattern>
      <ind:instance datatype="int" operation="greater than or equal">1</ind:instance>
    </ind:textfilecontent54_object>
  </objects>
  <states>
    <unix:file_state id="oval:bench:ste:1" version="1">
      <unix:owrite datatype="boolean">true</unix:owrite>
    </unix:file_state>
    <unix:file_state id="oval:bench:ste:2" version="1">
      <unix:sticky datatype="boolean">false</unix:sticky>
      <unix:owrite datatype="boolean">true</unix:owrite>
    </unix:file_state>
  </states>
</oval_definitions>""")
