import datetime as dt

import factory
from django.utils import timezone

from mindwell.professionals import licenses
from mindwell.professionals.models import ProfessionalProfile
from mindwell.qa.tests.factories import UserFactory


class ProfessionalProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfessionalProfile

    member = factory.SubFactory(UserFactory)
    profession = ProfessionalProfile.Profession.COUNSELOR
    profession_detail = "LPC"
    licensing_body = "Colorado State Board of Licensed Professional Counselor Examiners"
    license_number = factory.Sequence(lambda n: f"LPC.{n:07d}")
    jurisdiction = "Colorado, USA"
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=365))


def verified(member, **kwargs):
    """A verified, unexpired profile for a member (as a moderator would leave it: the
    license number kept only as its keyed hash and last 4 characters)."""
    number = kwargs.pop("license_number", f"LPC.{member.pk:07d}")
    fields = {
        "status": ProfessionalProfile.Status.VERIFIED,
        "verified_at": timezone.now(),
        "decided_at": timezone.now(),
        "license_number": "",
        "license_hash": licenses.license_hash(number),
        "license_last4": licenses.last4(number),
        **kwargs,
    }
    return ProfessionalProfileFactory(member=member, **fields)


APPLICATION = {
    "profession": "mft",
    "profession_detail": "LMFT",
    "licensing_body": "California Board of Behavioral Sciences",
    "license_number": "LMFT 123456",
    "jurisdiction": "California, USA",
}


def application(**overrides):
    data = dict(APPLICATION, expires_on=timezone.localdate() + dt.timedelta(days=200))
    data.update(overrides)
    return data
