from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("imports", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="importeddocument",
            name="period",
            field=models.CharField(blank=True, max_length=20, verbose_name="kỳ báo cáo"),
        ),
    ]
