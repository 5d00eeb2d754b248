"""Tests of the pure evaluation engine; they must run without Django."""
