#!/usr/bin/env python3
"""Validates a JSON document against a JSON schema with python's jsonschema (the draft the schema names).

Usage: validate-json-schema.py SCHEMA DOCUMENT      exit 0 when valid; else 1, printing up to 20 errors by path.
"""
import json
import sys

import jsonschema

with open(sys.argv[1], encoding="utf-8") as handle:
    schema = json.load(handle)
with open(sys.argv[2], encoding="utf-8") as handle:
    instance = json.load(handle)
validator = jsonschema.validators.validator_for(schema)(schema)
errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
for error in errors[:20]:
    print("/".join(str(p) for p in error.path), ":", error.message)
sys.exit(1 if errors else 0)
