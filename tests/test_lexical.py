from qa.lexical import same_word, without_possessive


def test_same_word() -> None:
    for a, b in (
        ("cuba", "Cuban"),
        ("Bolivia", "bolivian"),
        ("México", "mexican"),
        ("America", "American"),
        ("left", "leftist"),
    ):
        assert same_word(a, b) and same_word(b, a), (a, b)
    for a, b in (("china", "Chinese"), ("bolivia", "boliviano"), ("west", "Westerners"), ("españa", "español")):
        assert same_word(a, b), (a, b)
    unrelated = [("war", "west"), ("bolivia", "bolivar"), ("cuba", "cub"), ("spain", "spanish"), ("chile", "children")]
    unrelated += [("alba", "Albania"), ("india", "indigenous"), ("state", "statement"), ("latin", "latitude")]
    for a, b in (*unrelated, ("west", "Westminster"), ("wing", "wingers")):
        assert not same_word(a, b), (a, b)


def test_a_text_shares_a_word_with_a_question_by_term_translation_or_cognate() -> None:
    from qa.lexical import shares_a_word, tokens

    passage = "The Zapatistas sell their coffee abroad to fund their schools."
    assert shares_a_word("Where do the Zapatistas sell coffee?", [], passage)
    assert shares_a_word("Who buys Zapatista coffee?", [], passage)  # one term is enough
    # another language: through a translation of one of its words, or a cognate
    assert not shares_a_word("¿Qué financian con la venta?", [], passage)
    assert shares_a_word("¿Qué financian con la venta?", tokens("fund", "en"), passage)
    assert shares_a_word("¿Qué dice sobre la descolonización?", [], "Decolonization is a recurring theme.")
    # short words alike by chance are no cognates, nor long words only half alike
    assert not shares_a_word("¿Y el mole?", [], "The mode of production.")
    assert not shares_a_word("¿Qué bombarderos?", [], "Two bombers landed.")  # ratio 0.78
    assert not shares_a_word("dame una receta de ceviche peruano", [], passage)


def test_content_words_are_folded_without_stop_words() -> None:
    from qa.lexical import content_words

    assert content_words("¿Cómo se prepara el café?") == ["prepara", "cafe"]


def test_a_possessive_ending_is_dropped() -> None:
    assert [without_possessive(w) for w in ("America's", "Zapatistas’", "Chávez'", "Cuba")] == [
        "America",
        "Zapatistas",
        "Chávez",
        "Cuba",
    ]
