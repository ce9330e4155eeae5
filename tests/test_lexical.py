from qa.lexical import same_word


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
