"""Join codes people can type, secrets nobody can guess, ids that reveal nothing."""

from __future__ import annotations

import math

from dialoog.workshop import codes


def test_join_code_alphabet_has_no_look_alikes():
    for confusable in "01OIL":
        assert confusable not in codes.ALPHABET
    assert len(set(codes.ALPHABET)) == len(codes.ALPHABET) == 31


def test_join_codes_are_long_enough_not_to_be_guessed():
    bits = codes.CODE_LENGTH * math.log2(len(codes.ALPHABET))
    assert bits > 48
    many = {codes.new_join_code() for _ in range(2000)}
    assert len(many) == 2000
    assert all(codes.is_well_formed(c) for c in many)


def test_typed_codes_are_normalised():
    assert codes.normalise_code(" abcde-fgh23 ") == "ABCDEFGH23"
    assert codes.format_code("ABCDEFGH23") == "ABCDE-FGH23"
    assert not codes.is_well_formed("ABCDEFGH2O")  # an O is never in a code
    assert not codes.is_well_formed("ABCDE")


def test_facilitator_secret_is_separate_and_compared_by_hash():
    secret = codes.new_secret()
    assert len(secret) >= 32
    stored = codes.hash_secret(secret)
    assert secret not in stored
    assert codes.same_secret(secret, stored)
    assert not codes.same_secret(secret + "x", stored)


def test_participant_id_is_stable_per_workbook_and_session_and_hides_the_token():
    token = "a-secret-workbook-token"
    first = codes.participant_id(token, "w1")
    assert first == codes.participant_id(token, "w1")
    assert first != codes.participant_id(token, "w2")
    assert first != codes.participant_id("another-token", "w1")
    assert token not in first


def test_room_key_names_its_session_and_reveals_neither_secret_nor_hash():
    secret = codes.new_secret()
    stored = codes.hash_secret(secret)
    key = codes.room_key("w1", stored)
    assert key.startswith("w1.") and key == codes.room_key("w1", stored)
    assert key != codes.room_key("w2", stored)
    assert secret not in key and stored not in key
