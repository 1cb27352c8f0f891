from audiofeature.pronounce.syllables import derive_inventory, inventory


def test_shipped_syllable_list_equals_pypinyins_readings():
    assert inventory() == derive_inventory()
