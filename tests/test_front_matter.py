from qa.front_matter import (
    asks_document_author,
    asks_document_title,
    asks_publication_date,
    asks_site,
    front_lines_asked,
    has_part,
    in_front_matter,
    names_another_document,
)


def test_asks_publication_date() -> None:
    for question in (
        "When was this article published?",
        "¿Cuándo se publicó este artículo?",
        "When was it written?",
        "When did the author write this?",
        "¿En qué fecha se publicó?",
        "Publication date?",
        "What date did this piece go online?",
        "What day was this article published?",  # a day is a date (round 16's review)
        "¿Qué día se publicó este artículo?",
        "What's the date of this post?",
        "On what date did this piece go online, and under which section?",  # the byline gives both
        "In which section of the site was this article published?",
        "what category is the post filed under",
        "¿En qué categoría está archivado este artículo?",
        "en que seccion del blog salio esto",
        "¿Cuándo salió este artículo?",
        "When did this article appear?",
        "¿Cuándo se publica este artículo?",
    ):
        assert asks_publication_date(question), question
    for question in (
        "When was the First Declaration published?",  # another subject
        "when was the first declaration published?",
        "when did the ezln publish its first declaration?",
        "When, according to the article, was the EZLN founded?",
        "Según el artículo, ¿cuándo comenzó el levantamiento zapatista?",
        "When was the report written?",
        "When was this article last updated?",
        "Who published this article?",  # not a time
        "When did the Zapatista march start?",
        "¿Cuándo salió el EZLN a la luz?",
        "when did the zapatistas appear",
    ):
        assert not asks_publication_date(question), question


def test_a_publication_question_may_name_the_document_by_its_title() -> None:
    title = "The Left-Wing Alliance of Latin America Against the West"
    question = "When was this piece on left-wing alliances published?"
    assert asks_publication_date(question, title) and not asks_publication_date(question)
    for other in (
        "When was the first declaration published?",
        "When did the left-wing alliance against the West form?",  # not published
        "When did the alliance come out?",  # the title's words, but not naming the document
        "When was Latin America written?",
        "When did the alliance first come out against the West?",
        "When was this article not published?",  # a stopword is no title word
        "¿Cuándo y dónde se publicó este artículo?",
        "Which section was written first?",  # a section of the text, not of the site
        "What did the author write in the first section?",
    ):
        assert not asks_publication_date(other, title), other


def test_a_question_naming_the_document_may_ask_its_date_without_a_word_for_publishing() -> None:
    title = "The Left-Wing Alliance of Latin America Against the West"
    for question in (
        "When does the article date from?",
        "What date is the article from?",
        "What's the date on this post?",
        "How old is this article?",
        "When is the article dated?",
        "What year is this post from?",
        "how old is this blog post",  # a blog's post is an article
        "What date does this article have?",
        "¿De cuándo es el artículo?",
        "¿De qué fecha es el artículo?",
        "¿Qué fecha tiene esta entrada del blog?",
        "¿Cuándo está fechado el artículo?",
    ):
        assert asks_publication_date(question, title), question
    for other in (
        "When does the alliance in this article date from?",  # the title's words: about the alliance
        "When does the left-wing alliance date from?",
        "What year is the article about?",  # the article's subject, not its date
        "What date does the article mention first?",
        "What date is it in the article?",
        "How old is the author?",  # no document named
        "How old is the MST?",
        "When is it from?",
        "¿De cuándo es la alianza?",
        "When does the article say the EZLN was founded?",
        # the article's author, its site, its section, another article (round 29's review)
        "How old is the article's author?",
        "How old was the author when the article was written?",
        "¿De cuándo es el autor del artículo?",
        "How old is this blog?",
        "When does the site date from?",
        "¿De cuándo es el sitio?",
        "How old is the section the article is in?",
        "When does the category of this post date from?",
        "When is the first article from?",
    ):
        assert not asks_publication_date(other, title), other


def test_asks_document_author() -> None:
    title = "The Left-Wing Alliance of Latin America Against the West"
    for question in (
        "Who wrote this article?",
        "who wrote this article",
        "What is the name of the person who wrote this piece?",
        "Who is the author?",
        "Who wrote the article on left-wing alliances?",  # named by its title
        "¿Quién escribió este artículo?",
        "¿Quién es el autor del artículo?",
        "¿Cómo se llama el autor?",
        "Whose article is this?",
        "Which journalist wrote this article?",
    ):
        assert asks_document_author(question, title), question
    for other in (
        "Who wrote Don Quixote?",
        "Who wrote the First Declaration?",
        "Who is the author of the Sixth Declaration?",
        "What does the author think of Russia?",  # about the author, not who it is
        "¿Cómo se llama el café zapatista que visitó el autor?",
        "When was this article written?",
        "Who wrote the article on the wars?",  # not a word of the title
        "Who is the article written for?",  # whom it addresses
        "Who is the person the article is written about?",
        "What is the name of the blog this article was written on?",  # a name, not the writer's
        "¿Cómo se llama el blog en el que se escribió este artículo?",
        "Who wrote The Left-Wing Alliance of Latin America Against the West?",  # a title may name a work
    ):
        assert not asks_document_author(other, title), other


def test_a_title_word_may_come_in_another_form() -> None:
    title = "The Left-Wing Alliance of Latin America Against the West"
    for question in (
        "When was this piece on Latin American left-wing alliances published?",  # America -> American
        "When was this article on leftist alliances published?",  # Left -> leftist
    ):
        assert asks_publication_date(question, title), question
    for other in (
        "When was this piece on Cuban alliances published?",  # not a word of the title
        "When was this article on the wars published?",  # "war" begins no title word, nor it one of them
        "When was this piece on Latin American alliances not published?",
    ):
        assert not asks_publication_date(other, title), other


def test_asks_document_title() -> None:
    title = "The Left-Wing Alliance of Latin America Against the West"
    for question in (
        "What's the title of this blog post?",
        "what's the headline of this piece",
        "What is this article called?",
        "What is the name of this article?",
        "What's the title?",
        "What is the title of the document?",
        "Tell me the title of the article",
        "Which title does this article have?",
        "What's the title of the post on this blog?",
        "¿Cuál es el título del artículo?",
        "¿Cómo se llama este artículo?",
        "¿Cómo se titula el artículo?",
        "¿Cuál es el título de la entrada del blog?",
        "dime el título del artículo",
        "titular del artículo",
        # the title's words describe the document after its noun
        "What is the full title of this piece on left-wing alliances?",
        "What is the title of the article about the left-wing alliance?",
    ):
        assert asks_document_title(question, title), question
    for question in (
        "What is the title of the Zapatistas' declaration?",  # another text
        # the site, not the article
        "What is the name of this blog?",
        "What is the website called?",
        "What is the title of this blog?",
        "What's the name of the blog this post is on?",
        "What is the name of the site this article is on?",
        "¿Cómo se llama la página?",
        # something in the article, named by the title's words before the article's noun
        "What is the alliance called in this article?",
        "What is the name of the left-wing alliance in this article?",
        "What is the West called in this article?",
        "What is the article about?",
        "What's the name?",
        "Who wrote this article?",
        "¿Cómo se llama el autor del artículo?",
        "What title does Marcos hold?",
    ):
        assert not asks_document_title(question, title), question


def test_asks_site() -> None:
    title = "The Left-Wing Alliance of Latin America Against the West"
    for question in (
        "What is the name of this blog?",
        "What is the website called?",
        "What is the title of this blog?",
        "What's the name of the blog this post is on?",
        "¿Cómo se llama la página?",
        "¿Cómo se llama el blog donde se publicó el artículo?",
        "¿Cómo se llama el sitio web que publica este artículo?",
        "¿Cómo se llama el sitio o blog donde aparece el texto?",  # two words for it
        "What is the name of the site or blog this is on?",
        "What is the name of the website that publishes this article?",
        "What is the tagline of the website this piece was published on?",
        "What's the site's slogan?",
        "What is the motto of the blog?",
        "¿Cuál es el lema del sitio web?",
        "What slogan appears at the very top of the page?",
        "¿Cuál es el lema que aparece al principio de la página?",
        "What's the tagline?",  # only a site has one
        "What does the site's tag-line say?",
        # which site it is
        "Which blog is this?",
        "What site is this?",
        "On which website was this piece published?",
        "Which site published this article?",
        "¿En qué sitio se publicó el artículo?",
        # the title's words describe the document the site published
        "What is the name of the blog that published this piece on left-wing alliances?",
        # a noun in the possessive names whose the next one is
        "What's the name of this post's blog?",
        "What’s the name of this post’s blog?",
        "What's the title of this article's website?",
        # more ways of asking
        "Which site is this article from?",
        "What website is this from?",
        "Which blog is hosting this post?",
        "¿En qué blog está publicado este artículo?",
        "¿En qué blog salió el artículo?",
        "What's the blog's subtitle?",
        "¿Qué eslogan aparece arriba, en la cabecera de la página?",
        # a site's header (or banner) shows its tagline
        "What does the site's header say it offers readers?",
        "What does the header of the blog say?",
        "¿Qué dice la cabecera del sitio?",
        "What is written in the site's banner?",
        "¿Qué pone en la cabecera del sitio?",
        "whats the site header",
        # where on the page it is shown
        "What is the tagline shown at the top of the blog page?",
        "What tagline is shown on the blog?",
        "What tagline appears under the blog's name?",
        "What tagline is written underneath the site name?",
        "What motto is printed under the blog title?",
        "What is the subtitle beneath the website name?",
        "¿Qué lema aparece debajo del nombre del blog?",
        "¿Qué lema hay debajo del nombre del blog?",
    ):
        assert asks_site(question, title), question
    for question in (
        "What is the title of this article?",  # the document's
        "What is the tagline of this article?",
        "What's the name?",
        "What is the Zapatistas' slogan?",  # something else's
        "What was the slogan of the campaign?",
        "¿Cuál es el lema de los zapatistas?",
        "What is the name of the alliance on this blog?",  # the name of what the blog writes about
        "What is the name of this blog's alliance?",
        "What name does the blog give the alliance?",
        "What is the name of the web alliance?",
        "What is the slogan?",  # a slogan or a motto may be anyone's
        "What was the motto?",
        "Who runs this website?",
        "Which site did the author come from?",
        "What's the subtitle?",
        "What is the header?",  # a header may be anything's
        "What does the header of the declaration say?",
        "What does the Zapatistas' banner say?",
        "What slogan is shown under the Zapatistas' banner?",
        # what is under the site's name or header is the document's, not the site's line
        "What title is shown under the site name?",
        "What is the title below the blog's name?",
        "¿Qué título aparece debajo del nombre del sitio?",
        "¿Cuál es el título bajo el nombre del blog?",
        "What is written under the title of the blog?",
        "Which post is shown under the site header?",
        "¿Qué título tiene la entrada debajo de la cabecera del sitio?",
        "¿Cuál es el lema bajo el gobierno de Chávez?",
        # a page's title is the document's; a site named as a place is where the document is
        "What is the title of this page?",
        "What's the page title?",
        "What is this page's title?",
        "What is the article called on the website?",
        "What is the post's title on the blog?",  # the post's title
        "What's the title of the site's article?",
    ):
        assert not asks_site(question, title), question
    for question in (
        "What is the title of this page?",
        "What's the page title?",
        "What is this page's title?",
        "What is the article called on the website?",
        "What is the post's title on the blog?",
        "What's the title of the site's article?",
    ):
        assert asks_document_title(question, title), question
    assert not asks_document_title("What's the name of this post's blog?", title)


def test_the_front_matter_lines_a_question_asks_for() -> None:
    assert front_lines_asked("When was this article published?") == ("byline",)
    assert front_lines_asked("Who wrote this article?") == ("byline",)
    assert front_lines_asked("What is the title of this article?") == ("title",)
    assert front_lines_asked("What is the Zapatistas' army called?") == ()
    assert front_lines_asked("What is the name of this blog?") == ("site",)
    assert has_part("byline+site+title", "site") and not has_part("byline+title", "site")
    assert has_part("byline+site+title", "byline") and not has_part("site+title", "byline")
    assert has_part("site+title", "title") and not has_part("byline", "title")


def test_a_question_may_be_about_another_document_than_this_one() -> None:
    for question in (
        "When will the next article be published?",
        "¿Cuándo se publica el próximo artículo?",
        "What is the title of the author's previous article?",
        "¿Cuál es el título del artículo anterior?",
        "When was another post on this topic written?",
        "¿Cuándo sale la próxima entrada?",
    ):
        assert names_another_document(question), question
    for question in (
        "When was this article published?",
        "¿Cuándo se publica este artículo?",
        "What is the next step for the MST?",  # "next", but no document
        "Which other countries joined ALBA?",
        "What is the title of the following article?",  # as often the one below: this one
        "¿Cuál es el título del artículo siguiente?",
        "Which website has this article and other articles on Latin America?",  # this one too
    ):
        assert not names_another_document(question), question


def test_the_front_matter_is_a_passage_with_a_title_a_site_line_or_a_byline() -> None:
    assert in_front_matter("byline+site+title")
    assert in_front_matter("title")
    assert not in_front_matter("paragraph")
    assert not in_front_matter("heading+paragraph")
