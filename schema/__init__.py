"""The single definition of every record: peewee models and marshmallow schemas."""
