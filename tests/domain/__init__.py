"""Tests for the stdlib-only domain layer."""
