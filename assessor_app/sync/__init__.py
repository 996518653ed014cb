"""Folder sync: each device writes only its own files, atomically and checksummed; reading verifies them."""
