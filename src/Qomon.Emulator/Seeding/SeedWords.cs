namespace Qomon.Emulator.Seeding
{
    /// <summary>Word lists for realistic seeded contacts (Qomon's users are mostly French campaigns).</summary>
    internal static class SeedWords
    {
        public static readonly (string Name, string Gender)[] FirstNames =
        [
            ("Camille", "F"), ("Léa", "F"), ("Chloé", "F"), ("Manon", "F"), ("Inès", "F"), ("Sarah", "F"), ("Julie", "F"),
            ("Émilie", "F"), ("Nadia", "F"), ("Fatou", "F"), ("Claire", "F"), ("Sophie", "F"), ("Anne", "F"), ("Zoé", "F"),
            ("Lucas", "M"), ("Hugo", "M"), ("Louis", "M"), ("Thomas", "M"), ("Nicolas", "M"), ("Karim", "M"), ("Julien", "M"),
            ("Mathieu", "M"), ("Antoine", "M"), ("Omar", "M"), ("Pierre", "M"), ("François", "M"), ("Yann", "M"), ("Théo", "M"),
            ("Alex", "O"), ("Sacha", "O"), ("Charlie", "O"),
        ];

        public static readonly string[] Surnames =
        [
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
            "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard",
            "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure",
            "Rousseau", "Blanc", "Guerin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Diallo", "Benali", "Nguyen",
            "Le Gall", "Da Silva", "Haddad", "Traoré", "Kowalski", "O'Brien", "Schmitt",
        ];

        public static readonly string[] MailDomains = ["gmail.com", "orange.fr", "free.fr", "laposte.net", "outlook.fr", "yahoo.fr", "proton.me", "sfr.fr"];

        public static readonly (string City, string Postalcode, string Citycode, string County, string State, double Lat, double Lon)[] Cities =
        [
            ("Paris", "75011", "75111", "Paris", "Île-de-France", 48.8589, 2.3800),
            ("Lyon", "69003", "69383", "Rhône", "Auvergne-Rhône-Alpes", 45.7597, 4.8422),
            ("Marseille", "13005", "13205", "Bouches-du-Rhône", "Provence-Alpes-Côte d'Azur", 43.2930, 5.3950),
            ("Nice", "06000", "06088", "Alpes-Maritimes", "Provence-Alpes-Côte d'Azur", 43.7031, 7.2661),
            ("Bourg-en-Bresse", "01000", "01053", "Ain", "Auvergne-Rhône-Alpes", 46.2052, 5.2255),
            ("Toulouse", "31000", "31555", "Haute-Garonne", "Occitanie", 43.6045, 1.4440),
            ("Nantes", "44000", "44109", "Loire-Atlantique", "Pays de la Loire", 47.2184, -1.5536),
            ("Strasbourg", "67000", "67482", "Bas-Rhin", "Grand Est", 48.5734, 7.7521),
            ("Lille", "59000", "59350", "Nord", "Hauts-de-France", 50.6292, 3.0573),
            ("Rennes", "35000", "35238", "Ille-et-Vilaine", "Bretagne", 48.1173, -1.6778),
            ("Saint-Étienne", "42000", "42218", "Loire", "Auvergne-Rhône-Alpes", 45.4397, 4.3872),
            ("Villeurbanne", "69100", "69266", "Rhône", "Auvergne-Rhône-Alpes", 45.7719, 4.8902),
        ];

        public static readonly string[] Streets =
        [
            "rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Voltaire", "rue Pasteur",
            "place de la Mairie", "rue des Lilas", "chemin du Moulin", "allée des Tilleuls", "rue Gambetta",
            "avenue de la Gare", "impasse des Écoles", "rue du Général de Gaulle", "quai Saint-Vincent",
        ];

        public static readonly string[] Tags = ["volunteer", "donor", "newsletter", "door-to-door", "event-2026", "youth", "senior", "supporter", "local-business", "parent"];

        public static readonly string[] Notes =
        [
            "Interested in joining the neighbourhood committee.",
            "Asked to be called back after 6 pm.",
            "Concerned about the new bus line; wants updates.",
            "Met at the Saturday market stand.",
            "Prefers to be contacted by email only.",
            "Offered to host a meeting in their flat.",
            "Was not home on the first visit; neighbour took the leaflet.",
        ];

        public static readonly string[] SurveyComments =
        [
            "More bike lanes please.", "Street lighting is poor at night.", "Happy with the new park.",
            "Rents are too high in the area.", "Wants a crèche nearby.", "No opinion yet.",
        ];

        public static readonly string[] MembershipNotes = ["Pays by direct debit.", "Board member 2023-2025.", "Joined at the spring fair.", "Student rate."];

        public static readonly string[] BirthCities = ["Paris", "Lyon", "Alger", "Dakar", "Bordeaux", "Lille", "Casablanca", "Brest", "Tunis", "Metz"];

        public static readonly string[] Nationalities = ["FR", "FR", "FR", "FR", "BE", "DZ", "PT", "SN", "MA", "IT"];
    }
}
