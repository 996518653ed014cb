"""The application log: a rotating file in the data folder, replaced (not doubled) when set up again."""

import logging

from assessor_app.logs import LOGGER, add_log_file, log_file_of, setup_logging


def test_log_goes_to_one_rotating_file_and_setting_up_again_never_doubles(tmp_path):
    first = tmp_path / "a" / "logs" / "assessor-app.log"
    setup_logging(first)
    setup_logging(first)
    logging.getLogger(f"{LOGGER}.services").info("create learner 0190-id")
    assert log_file_of() == first
    assert first.read_text(encoding="utf-8").count("create learner 0190-id") == 1
    add_log_file(tmp_path / "b.log")  # already logging to a file: left as it is
    assert log_file_of() == first
    handler = next(h for h in logging.getLogger(LOGGER).handlers if isinstance(h, logging.FileHandler))
    assert handler.maxBytes == 1_000_000 and handler.backupCount == 3
    setup_logging(None)
    assert log_file_of() is None
