"""Fictitious French names for the demo schools.

Common French first and last names, drawn at random by `seed.demo`; no list
holds a real person. `FORBIDDEN_COMBOS` lists the pairs that would read as a
well-known public figure: the generator draws again when it meets one.
"""

from __future__ import annotations

# Children born roughly 2012-2022 (pupils).
GIRLS: tuple[str, ...] = (
    "Jade", "Louise", "Emma", "Ambre", "Alice", "Rose", "Anna", "Alba", "Romy",
    "Mia", "Lina", "Léa", "Chloé", "Inès", "Mila", "Julia", "Léna", "Iris",
    "Agathe", "Zoé", "Juliette", "Lou", "Eva", "Nina", "Jeanne", "Margaux",
    "Camille", "Manon", "Sarah", "Adèle", "Lucie", "Lola", "Victoire",
    "Clémence", "Charlotte", "Léonie", "Héloïse", "Maëlys", "Éléna", "Noémie",
    "Capucine", "Apolline", "Joséphine", "Gabrielle", "Céleste", "Lya",
    "Olivia", "Yasmine", "Aya", "Maryam", "Salomé", "Elsa", "Margot", "Lyna",
    "Anaïs", "Énora", "Clara", "Constance", "Mathilde", "Emmy", "Thaïs",
    "Giulia", "Soline", "Albane", "Marie-Lou", "Bérénice", "Faustine", "Nour",
    "Assia", "Maëlle", "Louna", "Ninon", "Éloïse", "Lilou", "Romane", "Océane",
    "Nora", "Léana", "Kenza", "Sofia", "Luna", "Ava", "Livia", "Suzanne",
    "Mélina", "Cassandre", "Valentine", "Diane", "Garance", "Philippine",
    "Noëlie", "Zélie", "Hélène", "Marie-Alix", "Anne-Lise", "Jasmine", "Inaya",
    "Lana", "Mya", "Zoya", "Alya", "Maïwenn", "Gwenaëlle", "Ella", "Azilis",
    "Rachel", "Tess", "Élise", "Mathilda", "Aurore", "Colombe", "Malak",
    "Hanna", "Naïa", "Ilona", "Yara", "Sixtine", "Blanche", "Ysée", "Marie",
)

BOYS: tuple[str, ...] = (
    "Gabriel", "Léo", "Raphaël", "Arthur", "Louis", "Jules", "Adam", "Maël",
    "Lucas", "Hugo", "Noah", "Liam", "Gabin", "Sacha", "Paul", "Nathan",
    "Aaron", "Mohamed", "Ethan", "Tom", "Éden", "Léon", "Noé", "Tiago", "Théo",
    "Isaac", "Marius", "Victor", "Martin", "Naël", "Mathis", "Axel", "Robin",
    "Timothée", "Enzo", "Marceau", "Valentin", "Nino", "Eliott", "Nolan",
    "Malo", "Milo", "Antoine", "Samuel", "Augustin", "Amir", "Lyam", "Rayan",
    "Yanis", "Ibrahim", "Gaspard", "Baptiste", "Maxime", "Côme", "Simon",
    "Ayden", "Clément", "Thomas", "Noam", "Kylian", "Alexandre", "Mathéo",
    "Evan", "Anatole", "Ismaël", "Joseph", "Benjamin", "Tristan", "Émile",
    "Élias", "Oscar", "Charles", "Hippolyte", "Félix", "Basile", "Achille",
    "Mehdi", "Soan", "Titouan", "Aurélien", "Jean-Baptiste", "Pierre-Louis",
    "Louis-Marie", "Noël", "Lenny", "Timéo", "Ilyes", "Adrien", "Corentin",
    "Romain", "Florian", "Youssef", "Imran", "Ilan", "Eyden", "Loan", "Owen",
    "Jean", "Pablo", "Ulysse", "Octave", "Léandre", "Ewen", "Gaël", "Tao",
    "Wassim", "Moussa", "Issa", "Aloïs", "Lohan", "Thibault", "Mattéo",
    "Sasha", "Zayn", "Elyas", "Esteban", "Bastien", "Kenzo", "Yaël",
)

# Adults born roughly 1970-1998 (parents, staff).
WOMEN: tuple[str, ...] = (
    "Nathalie", "Isabelle", "Sandrine", "Céline", "Stéphanie", "Aurélie",
    "Émilie", "Julie", "Sophie", "Virginie", "Caroline", "Laetitia", "Élodie",
    "Audrey", "Mélanie", "Sabrina", "Karine", "Delphine", "Vanessa",
    "Jennifer", "Marion", "Anne", "Claire", "Hélène", "Laure", "Valérie",
    "Sylvie", "Christelle", "Cécile", "Marie", "Marie-Claire", "Anne-Sophie",
    "Marie-Laure", "Amélie", "Estelle", "Fanny", "Gaëlle", "Nadia", "Samia",
    "Fatima", "Leïla", "Sarah", "Laura", "Pauline", "Charlotte", "Camille",
    "Élise", "Agnès", "Béatrice", "Géraldine", "Magali", "Séverine", "Ingrid",
    "Coralie", "Jessica", "Angélique", "Morgane", "Solène", "Anaïs", "Noémie",
    "Chloé", "Marine", "Mathilde", "Lucie", "Justine", "Amandine", "Aline",
    "Claudia", "Rachida", "Soraya", "Hanane", "Mélissa", "Manon", "Clémence",
    "Alexandra", "Ophélie", "Lydie", "Carole", "Muriel", "Corinne",
    "Florence", "Myriam", "Inès", "Sonia", "Linda", "Annabelle", "Bérangère",
    "Katia", "Tiphaine", "Gwenaëlle", "Maëva", "Noëlle", "Anne-Laure",
    "Marie-Pierre", "Emmanuelle", "Sandra", "Aïcha", "Khadija", "Mariama",
    "Ana", "Cristina", "Elif", "Thi Thu", "Linh", "Priscilla", "Hélèna",
    "Adeline", "Bénédicte", "Armelle", "Mylène", "Perrine", "Gaëtane",
)

MEN: tuple[str, ...] = (
    "Nicolas", "Julien", "Sébastien", "Stéphane", "Christophe", "David",
    "Frédéric", "Jérôme", "Laurent", "Olivier", "Vincent", "Guillaume",
    "Mathieu", "Cédric", "Benoît", "Fabien", "Grégory", "Arnaud", "Thomas",
    "Alexandre", "Maxime", "Romain", "Antoine", "Pierre", "Jean-Pierre",
    "Jean-François", "Jean-Baptiste", "Pierre-Yves", "François", "Yannick",
    "Damien", "Jérémy", "Anthony", "Kevin", "Mickaël", "Ludovic", "Franck",
    "Thierry", "Éric", "Pascal", "Hervé", "Patrice", "Bruno", "Xavier", "Yann",
    "Loïc", "Gaël", "Erwan", "Samir", "Karim", "Mehdi", "Rachid", "Mohamed",
    "Youssef", "Hakim", "Nabil", "Sofiane", "Mustapha", "Moussa", "Mamadou",
    "Florent", "Aurélien", "Rémi", "Bastien", "Adrien", "Quentin", "Clément",
    "Simon", "Lionel", "Emmanuel", "Raphaël", "Thibault", "Gilles",
    "Philippe", "Denis", "Marc", "Hugues", "Joël", "Noël", "Régis", "Sylvain",
    "Cyril", "Jonathan", "Steve", "Dylan", "Johann", "Matthieu", "Benjamin",
    "Vivien", "Gaëtan", "Jean-Marc", "Paul-Henri", "Tristan", "Didier",
    "José", "Carlos", "Mehmet", "Duc Anh", "Ibrahima", "Abdel", "Fabrice",
    "Jean-Michel", "Loïs", "Ronan", "Anthime", "Grégoire", "Wilfried",
)

LAST_NAMES: tuple[str, ...] = (
    # frequent
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Durand", "Dubois",
    "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux",
    "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont",
    "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre",
    "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
    "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin",
    "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu",
    "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont", "Marie",
    "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard",
    "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier",
    "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy",
    "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert",
    "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippon", "Bourgeois",
    "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq",
    "Guillaume", "Lecomte", "Lopez", "Jean", "Dupuy", "Guillot", "Hubert",
    "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin", "Louis", "Deschamps",
    "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein",
    "Jacquet", "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré",
    "Charles", "Renault", "Charpentier", "Ménard", "Maillard", "Baron",
    "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet",
    "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Daniel",
    "Le Roux", "Cousin", "Germain", "Breton", "Besson", "Langlois", "Rémy",
    "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré",
    "Lebrun", "Marchal", "Weber", "Mallet", "Hamel", "Boulanger", "Jacob",
    "Monnier", "Michaud", "Rodriguez", "Guichard", "Gillet", "Étienne",
    "Grondin", "Poulain", "Tessier", "Chevallier", "Collin", "Chauvin",
    "Da Silva", "Bouchet", "Gay", "Lemaître", "Bénard", "Maréchal", "Humbert",
    "Reynaud", "Antoine", "Hoarau", "Perret", "Barthélemy", "Cordier",
    "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier",
    "Laporte", "Gonzalez", "Dos Santos", "Ferreira", "Rodrigues", "Pereira",
    "Le Bihan", "Le Corre", "Le Guen", "Kervella", "Tanguy", "Quéré",
    "De Oliveira", "Dupré", "Desmoulins", "Delacroix", "Devaux", "Duhamel",
    "Lagarde", "Lacoste", "Texier", "Vallée", "Marin", "Bousquet", "Régnier",
    "Ollivier", "Courtois", "Hoareau", "Thibault", "Besnard", "Guillou",
    "Lainé", "Loiseau", "Sauvage", "Hamon", "Godard", "Blondel",
    "Pons", "Fouquet", "Gomez", "Thiébaut", "Poulet", "Bigot", "Jourdan",
    "Diallo", "Traoré", "Camara", "Koné", "Ndiaye", "Sow", "Cissé", "Keita",
    "Benali", "Haddad", "Mansouri", "Belkacem", "Bouzid", "Cherif", "Amrani",
    "Hamidi", "Saïdi", "Mekki", "El Idrissi", "Ben Salah", "Yilmaz", "Kaya",
    "Demir", "Nguyen", "Tran", "Pham", "Le", "Vo", "Rossi", "Russo",
    "Ferrari", "Esposito", "Costa", "Almeida", "Kowalski", "Nowak",
    "Dupont-Moreau", "Martin-Lefort", "Lefèvre-Dubreuil", "Saint-Clair",
    "Beaumont", "Belleville", "Chastel", "Brochard", "Couturier", "Delmas",
    "Escoffier", "Favre", "Grosjean", "Jaouen", "Lhermitte", "Mainard",
    "Nadal", "Orsini", "Quintin", "Ribeiro", "Salaün", "Vernier", "Wagner",
    "Ziegler", "Abadie", "Bergeron", "Cazenave", "Darras", "Ferrand",
    "Goujon", "Hernandez", "Imbert", "Jourdain", "Kerjean", "Labbé", "Marquet",
    "Navarro", "Ollier", "Pottier", "Raynal", "Soulier", "Tardieu", "Valentin",
)

# First name + last name pairs that would read as a well-known public figure.
FORBIDDEN_COMBOS: frozenset[tuple[str, str]] = frozenset(
    {
        ("Pierre", "Richard"),
        ("Antoine", "Dupont"),
        ("Laurent", "Blanc"),
        ("Thierry", "Henry"),
        ("Didier", "Deschamps"),
        ("Jean", "Moulin"),
        ("Jeanne", "Moreau"),
        ("Olivier", "Martinez"),
        ("Xavier", "Bertrand"),
        ("Amir", "Haddad"),
        ("Pierre", "Perret"),
        ("Benoît", "Hamon"),
        ("Nicolas", "Hulot"),
        ("Louis", "Martin"),
        ("Simon", "Simon"),
    }
)
