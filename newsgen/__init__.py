"""newsgen: a static news-archive site generator, correct for Ukrainian and other non-Latin news."""

__version__ = "0.1.0"
