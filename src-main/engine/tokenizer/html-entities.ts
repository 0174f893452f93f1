// ftfy's table of HTML entities (chardata.HTML_ENTITIES, ftfy 6.3.1): every name in Python's
// `html.entities.html5` that ends in ';', plus upper-case spellings of the all-lower-case names when
// that spelling is not itself an entity (so `&EACUTE;` is É). Packed as `name=hex.hex` to keep it small.

const PACKED =
  'Aacute=c1 aacute=e1 AACUTE=c1 Abreve=102 abreve=103 ABREVE=102 ac=223e AC=223e acd=223f ACD=223f acE=223e.333 Acirc=c2 acirc=e2 ' +
  'ACIRC=c2 acute=b4 ACUTE=b4 Acy=410 acy=430 ACY=410 AElig=c6 aelig=e6 AELIG=c6 af=2061 AF=2061 Afr=1d504 afr=1d51e AFR=1d51e ' +
  'Agrave=c0 agrave=e0 AGRAVE=c0 alefsym=2135 ALEFSYM=2135 aleph=2135 ALEPH=2135 Alpha=391 alpha=3b1 ALPHA=391 Amacr=100 amacr=101 ' +
  'AMACR=100 amalg=2a3f AMALG=2a3f AMP=26 amp=26 And=2a53 and=2227 AND=2227 andand=2a55 ANDAND=2a55 andd=2a5c ANDD=2a5c andslope=2a58 ' +
  'ANDSLOPE=2a58 andv=2a5a ANDV=2a5a ang=2220 ANG=2220 ange=29a4 ANGE=29a4 angle=2220 ANGLE=2220 angmsd=2221 ANGMSD=2221 angmsdaa=29a8 ' +
  'ANGMSDAA=29a8 angmsdab=29a9 ANGMSDAB=29a9 angmsdac=29aa ANGMSDAC=29aa angmsdad=29ab ANGMSDAD=29ab angmsdae=29ac ANGMSDAE=29ac ' +
  'angmsdaf=29ad ANGMSDAF=29ad angmsdag=29ae ANGMSDAG=29ae angmsdah=29af ANGMSDAH=29af angrt=221f ANGRT=221f angrtvb=22be ANGRTVB=22be ' +
  'angrtvbd=299d ANGRTVBD=299d angsph=2222 ANGSPH=2222 angst=c5 ANGST=c5 angzarr=237c ANGZARR=237c Aogon=104 aogon=105 AOGON=104 ' +
  'Aopf=1d538 aopf=1d552 AOPF=1d552 ap=2248 AP=2248 apacir=2a6f APACIR=2a6f apE=2a70 ape=224a APE=224a apid=224b APID=224b apos=27 ' +
  'APOS=27 ApplyFunction=2061 approx=2248 APPROX=2248 approxeq=224a APPROXEQ=224a Aring=c5 aring=e5 ARING=c5 Ascr=1d49c ascr=1d4b6 ' +
  'ASCR=1d4b6 Assign=2254 ast=2a AST=2a asymp=2248 ASYMP=2248 asympeq=224d ASYMPEQ=224d Atilde=c3 atilde=e3 ATILDE=c3 Auml=c4 auml=e4 ' +
  'AUML=c4 awconint=2233 AWCONINT=2233 awint=2a11 AWINT=2a11 backcong=224c BACKCONG=224c backepsilon=3f6 BACKEPSILON=3f6 backprime=2035 ' +
  'BACKPRIME=2035 backsim=223d BACKSIM=223d backsimeq=22cd BACKSIMEQ=22cd Backslash=2216 Barv=2ae7 barvee=22bd BARVEE=22bd Barwed=2306 ' +
  'barwed=2305 BARWED=2305 barwedge=2305 BARWEDGE=2305 bbrk=23b5 BBRK=23b5 bbrktbrk=23b6 BBRKTBRK=23b6 bcong=224c BCONG=224c Bcy=411 ' +
  'bcy=431 BCY=411 bdquo=201e BDQUO=201e becaus=2235 BECAUS=2235 Because=2235 because=2235 BECAUSE=2235 bemptyv=29b0 BEMPTYV=29b0 ' +
  'bepsi=3f6 BEPSI=3f6 bernou=212c BERNOU=212c Bernoullis=212c Beta=392 beta=3b2 BETA=392 beth=2136 BETH=2136 between=226c BETWEEN=226c ' +
  'Bfr=1d505 bfr=1d51f BFR=1d51f bigcap=22c2 BIGCAP=22c2 bigcirc=25ef BIGCIRC=25ef bigcup=22c3 BIGCUP=22c3 bigodot=2a00 BIGODOT=2a00 ' +
  'bigoplus=2a01 BIGOPLUS=2a01 bigotimes=2a02 BIGOTIMES=2a02 bigsqcup=2a06 BIGSQCUP=2a06 bigstar=2605 BIGSTAR=2605 bigtriangledown=25bd ' +
  'BIGTRIANGLEDOWN=25bd bigtriangleup=25b3 BIGTRIANGLEUP=25b3 biguplus=2a04 BIGUPLUS=2a04 bigvee=22c1 BIGVEE=22c1 bigwedge=22c0 ' +
  'BIGWEDGE=22c0 bkarow=290d BKAROW=290d blacklozenge=29eb BLACKLOZENGE=29eb blacksquare=25aa BLACKSQUARE=25aa blacktriangle=25b4 ' +
  'BLACKTRIANGLE=25b4 blacktriangledown=25be BLACKTRIANGLEDOWN=25be blacktriangleleft=25c2 BLACKTRIANGLELEFT=25c2 ' +
  'blacktriangleright=25b8 BLACKTRIANGLERIGHT=25b8 blank=2423 BLANK=2423 blk12=2592 BLK12=2592 blk14=2591 BLK14=2591 blk34=2593 ' +
  'BLK34=2593 block=2588 BLOCK=2588 bne=3d.20e5 BNE=3d.20e5 bnequiv=2261.20e5 BNEQUIV=2261.20e5 bNot=2aed bnot=2310 BNOT=2310 ' +
  'Bopf=1d539 bopf=1d553 BOPF=1d553 bot=22a5 BOT=22a5 bottom=22a5 BOTTOM=22a5 bowtie=22c8 BOWTIE=22c8 boxbox=29c9 BOXBOX=29c9 ' +
  'boxDL=2557 boxDl=2556 boxdL=2555 boxdl=2510 BOXDL=2510 boxDR=2554 boxDr=2553 boxdR=2552 boxdr=250c BOXDR=250c boxH=2550 boxh=2500 ' +
  'BOXH=2500 boxHD=2566 boxHd=2564 boxhD=2565 boxhd=252c BOXHD=252c boxHU=2569 boxHu=2567 boxhU=2568 boxhu=2534 BOXHU=2534 ' +
  'boxminus=229f BOXMINUS=229f boxplus=229e BOXPLUS=229e boxtimes=22a0 BOXTIMES=22a0 boxUL=255d boxUl=255c boxuL=255b boxul=2518 ' +
  'BOXUL=2518 boxUR=255a boxUr=2559 boxuR=2558 boxur=2514 BOXUR=2514 boxV=2551 boxv=2502 BOXV=2502 boxVH=256c boxVh=256b boxvH=256a ' +
  'boxvh=253c BOXVH=253c boxVL=2563 boxVl=2562 boxvL=2561 boxvl=2524 BOXVL=2524 boxVR=2560 boxVr=255f boxvR=255e boxvr=251c BOXVR=251c ' +
  'bprime=2035 BPRIME=2035 Breve=2d8 breve=2d8 BREVE=2d8 brvbar=a6 BRVBAR=a6 Bscr=212c bscr=1d4b7 BSCR=1d4b7 bsemi=204f BSEMI=204f ' +
  'bsim=223d BSIM=223d bsime=22cd BSIME=22cd bsol=5c BSOL=5c bsolb=29c5 BSOLB=29c5 bsolhsub=27c8 BSOLHSUB=27c8 bull=2022 BULL=2022 ' +
  'bullet=2022 BULLET=2022 bump=224e BUMP=224e bumpE=2aae bumpe=224f BUMPE=224f Bumpeq=224e bumpeq=224f BUMPEQ=224f Cacute=106 ' +
  'cacute=107 CACUTE=106 Cap=22d2 cap=2229 CAP=2229 capand=2a44 CAPAND=2a44 capbrcup=2a49 CAPBRCUP=2a49 capcap=2a4b CAPCAP=2a4b ' +
  'capcup=2a47 CAPCUP=2a47 capdot=2a40 CAPDOT=2a40 CapitalDifferentialD=2145 caps=2229.fe00 CAPS=2229.fe00 caret=2041 CARET=2041 ' +
  'caron=2c7 CARON=2c7 Cayleys=212d ccaps=2a4d CCAPS=2a4d Ccaron=10c ccaron=10d CCARON=10c Ccedil=c7 ccedil=e7 CCEDIL=c7 Ccirc=108 ' +
  'ccirc=109 CCIRC=108 Cconint=2230 ccups=2a4c CCUPS=2a4c ccupssm=2a50 CCUPSSM=2a50 Cdot=10a cdot=10b CDOT=10a cedil=b8 CEDIL=b8 ' +
  'Cedilla=b8 cemptyv=29b2 CEMPTYV=29b2 cent=a2 CENT=a2 CenterDot=b7 centerdot=b7 CENTERDOT=b7 Cfr=212d cfr=1d520 CFR=1d520 CHcy=427 ' +
  'chcy=447 CHCY=427 check=2713 CHECK=2713 checkmark=2713 CHECKMARK=2713 Chi=3a7 chi=3c7 CHI=3a7 cir=25cb CIR=25cb circ=2c6 CIRC=2c6 ' +
  'circeq=2257 CIRCEQ=2257 circlearrowleft=21ba CIRCLEARROWLEFT=21ba circlearrowright=21bb CIRCLEARROWRIGHT=21bb circledast=229b ' +
  'CIRCLEDAST=229b circledcirc=229a CIRCLEDCIRC=229a circleddash=229d CIRCLEDDASH=229d CircleDot=2299 circledR=ae circledS=24c8 ' +
  'CircleMinus=2296 CirclePlus=2295 CircleTimes=2297 cirE=29c3 cire=2257 CIRE=2257 cirfnint=2a10 CIRFNINT=2a10 cirmid=2aef CIRMID=2aef ' +
  'cirscir=29c2 CIRSCIR=29c2 ClockwiseContourIntegral=2232 CloseCurlyDoubleQuote=201d CloseCurlyQuote=2019 clubs=2663 CLUBS=2663 ' +
  'clubsuit=2663 CLUBSUIT=2663 Colon=2237 colon=3a COLON=3a Colone=2a74 colone=2254 COLONE=2254 coloneq=2254 COLONEQ=2254 comma=2c ' +
  'COMMA=2c commat=40 COMMAT=40 comp=2201 COMP=2201 compfn=2218 COMPFN=2218 complement=2201 COMPLEMENT=2201 complexes=2102 ' +
  'COMPLEXES=2102 cong=2245 CONG=2245 congdot=2a6d CONGDOT=2a6d Congruent=2261 Conint=222f conint=222e CONINT=222e ContourIntegral=222e ' +
  'Copf=2102 copf=1d554 COPF=1d554 coprod=2210 COPROD=2210 Coproduct=2210 COPY=a9 copy=a9 copysr=2117 ' +
  'CounterClockwiseContourIntegral=2233 crarr=21b5 CRARR=21b5 Cross=2a2f cross=2717 CROSS=2717 Cscr=1d49e cscr=1d4b8 CSCR=1d4b8 ' +
  'csub=2acf CSUB=2acf csube=2ad1 CSUBE=2ad1 csup=2ad0 CSUP=2ad0 csupe=2ad2 CSUPE=2ad2 ctdot=22ef CTDOT=22ef cudarrl=2938 CUDARRL=2938 ' +
  'cudarrr=2935 CUDARRR=2935 cuepr=22de CUEPR=22de cuesc=22df CUESC=22df cularr=21b6 CULARR=21b6 cularrp=293d CULARRP=293d Cup=22d3 ' +
  'cup=222a CUP=222a cupbrcap=2a48 CUPBRCAP=2a48 CupCap=224d cupcap=2a46 CUPCAP=2a46 cupcup=2a4a CUPCUP=2a4a cupdot=228d CUPDOT=228d ' +
  'cupor=2a45 CUPOR=2a45 cups=222a.fe00 CUPS=222a.fe00 curarr=21b7 CURARR=21b7 curarrm=293c CURARRM=293c curlyeqprec=22de ' +
  'CURLYEQPREC=22de curlyeqsucc=22df CURLYEQSUCC=22df curlyvee=22ce CURLYVEE=22ce curlywedge=22cf CURLYWEDGE=22cf curren=a4 CURREN=a4 ' +
  'curvearrowleft=21b6 CURVEARROWLEFT=21b6 curvearrowright=21b7 CURVEARROWRIGHT=21b7 cuvee=22ce CUVEE=22ce cuwed=22cf CUWED=22cf ' +
  'cwconint=2232 CWCONINT=2232 cwint=2231 CWINT=2231 cylcty=232d CYLCTY=232d Dagger=2021 dagger=2020 DAGGER=2020 daleth=2138 ' +
  'DALETH=2138 Darr=21a1 dArr=21d3 darr=2193 DARR=2193 dash=2010 DASH=2010 Dashv=2ae4 dashv=22a3 DASHV=22a3 dbkarow=290f DBKAROW=290f ' +
  'dblac=2dd DBLAC=2dd Dcaron=10e dcaron=10f DCARON=10e Dcy=414 dcy=434 DCY=414 DD=2145 dd=2146 ddagger=2021 DDAGGER=2021 ddarr=21ca ' +
  'DDARR=21ca DDotrahd=2911 ddotseq=2a77 DDOTSEQ=2a77 deg=b0 DEG=b0 Del=2207 Delta=394 delta=3b4 DELTA=394 demptyv=29b1 DEMPTYV=29b1 ' +
  'dfisht=297f DFISHT=297f Dfr=1d507 dfr=1d521 DFR=1d521 dHar=2965 dharl=21c3 DHARL=21c3 dharr=21c2 DHARR=21c2 DiacriticalAcute=b4 ' +
  'DiacriticalDot=2d9 DiacriticalDoubleAcute=2dd DiacriticalGrave=60 DiacriticalTilde=2dc diam=22c4 DIAM=22c4 Diamond=22c4 diamond=22c4 ' +
  'DIAMOND=22c4 diamondsuit=2666 DIAMONDSUIT=2666 diams=2666 DIAMS=2666 die=a8 DIE=a8 DifferentialD=2146 digamma=3dd DIGAMMA=3dc ' +
  'disin=22f2 DISIN=22f2 div=f7 DIV=f7 divide=f7 DIVIDE=f7 divideontimes=22c7 DIVIDEONTIMES=22c7 divonx=22c7 DIVONX=22c7 DJcy=402 ' +
  'djcy=452 DJCY=402 dlcorn=231e DLCORN=231e dlcrop=230d DLCROP=230d dollar=24 DOLLAR=24 Dopf=1d53b dopf=1d555 DOPF=1d555 Dot=a8 ' +
  'dot=2d9 DOT=2d9 DotDot=20dc doteq=2250 DOTEQ=2250 doteqdot=2251 DOTEQDOT=2251 DotEqual=2250 dotminus=2238 DOTMINUS=2238 dotplus=2214 ' +
  'DOTPLUS=2214 dotsquare=22a1 DOTSQUARE=22a1 doublebarwedge=2306 DOUBLEBARWEDGE=2306 DoubleContourIntegral=222f DoubleDot=a8 ' +
  'DoubleDownArrow=21d3 DoubleLeftArrow=21d0 DoubleLeftRightArrow=21d4 DoubleLeftTee=2ae4 DoubleLongLeftArrow=27f8 ' +
  'DoubleLongLeftRightArrow=27fa DoubleLongRightArrow=27f9 DoubleRightArrow=21d2 DoubleRightTee=22a8 DoubleUpArrow=21d1 ' +
  'DoubleUpDownArrow=21d5 DoubleVerticalBar=2225 DownArrow=2193 Downarrow=21d3 downarrow=2193 DOWNARROW=2193 DownArrowBar=2913 ' +
  'DownArrowUpArrow=21f5 DownBreve=311 downdownarrows=21ca DOWNDOWNARROWS=21ca downharpoonleft=21c3 DOWNHARPOONLEFT=21c3 ' +
  'downharpoonright=21c2 DOWNHARPOONRIGHT=21c2 DownLeftRightVector=2950 DownLeftTeeVector=295e DownLeftVector=21bd ' +
  'DownLeftVectorBar=2956 DownRightTeeVector=295f DownRightVector=21c1 DownRightVectorBar=2957 DownTee=22a4 DownTeeArrow=21a7 ' +
  'drbkarow=2910 DRBKAROW=2910 drcorn=231f DRCORN=231f drcrop=230c DRCROP=230c Dscr=1d49f dscr=1d4b9 DSCR=1d4b9 DScy=405 dscy=455 ' +
  'DSCY=405 dsol=29f6 DSOL=29f6 Dstrok=110 dstrok=111 DSTROK=110 dtdot=22f1 DTDOT=22f1 dtri=25bf DTRI=25bf dtrif=25be DTRIF=25be ' +
  'duarr=21f5 DUARR=21f5 duhar=296f DUHAR=296f dwangle=29a6 DWANGLE=29a6 DZcy=40f dzcy=45f DZCY=40f dzigrarr=27ff DZIGRARR=27ff ' +
  'Eacute=c9 eacute=e9 EACUTE=c9 easter=2a6e EASTER=2a6e Ecaron=11a ecaron=11b ECARON=11a ecir=2256 ECIR=2256 Ecirc=ca ecirc=ea ' +
  'ECIRC=ca ecolon=2255 ECOLON=2255 Ecy=42d ecy=44d ECY=42d eDDot=2a77 Edot=116 eDot=2251 edot=117 EDOT=116 ee=2147 EE=2147 efDot=2252 ' +
  'Efr=1d508 efr=1d522 EFR=1d522 eg=2a9a EG=2a9a Egrave=c8 egrave=e8 EGRAVE=c8 egs=2a96 EGS=2a96 egsdot=2a98 EGSDOT=2a98 el=2a99 ' +
  'EL=2a99 Element=2208 elinters=23e7 ELINTERS=23e7 ell=2113 ELL=2113 els=2a95 ELS=2a95 elsdot=2a97 ELSDOT=2a97 Emacr=112 emacr=113 ' +
  'EMACR=112 empty=2205 EMPTY=2205 emptyset=2205 EMPTYSET=2205 EmptySmallSquare=25fb emptyv=2205 EMPTYV=2205 EmptyVerySmallSquare=25ab ' +
  'emsp13=2004 EMSP13=2004 emsp14=2005 EMSP14=2005 emsp=2003 EMSP=2003 ENG=14a eng=14b ensp=2002 ENSP=2002 Eogon=118 eogon=119 ' +
  'EOGON=118 Eopf=1d53c eopf=1d556 EOPF=1d556 epar=22d5 EPAR=22d5 eparsl=29e3 EPARSL=29e3 eplus=2a71 EPLUS=2a71 epsi=3b5 EPSI=395 ' +
  'Epsilon=395 epsilon=3b5 EPSILON=395 epsiv=3f5 EPSIV=395 eqcirc=2256 EQCIRC=2256 eqcolon=2255 EQCOLON=2255 eqsim=2242 EQSIM=2242 ' +
  'eqslantgtr=2a96 EQSLANTGTR=2a96 eqslantless=2a95 EQSLANTLESS=2a95 Equal=2a75 equals=3d EQUALS=3d EqualTilde=2242 equest=225f ' +
  'EQUEST=225f Equilibrium=21cc equiv=2261 EQUIV=2261 equivDD=2a78 eqvparsl=29e5 EQVPARSL=29e5 erarr=2971 ERARR=2971 erDot=2253 ' +
  'Escr=2130 escr=212f ESCR=212f esdot=2250 ESDOT=2250 Esim=2a73 esim=2242 ESIM=2242 Eta=397 eta=3b7 ETA=397 ETH=d0 eth=f0 Euml=cb ' +
  'euml=eb EUML=cb euro=20ac EURO=20ac excl=21 EXCL=21 exist=2203 EXIST=2203 Exists=2203 expectation=2130 EXPECTATION=2130 ' +
  'ExponentialE=2147 exponentiale=2147 EXPONENTIALE=2147 fallingdotseq=2252 FALLINGDOTSEQ=2252 Fcy=424 fcy=444 FCY=424 female=2640 ' +
  'FEMALE=2640 ffilig=fb03 FFILIG=46.46.49 fflig=fb00 FFLIG=46.46 ffllig=fb04 FFLLIG=46.46.4c Ffr=1d509 ffr=1d523 FFR=1d523 filig=fb01 ' +
  'FILIG=46.49 FilledSmallSquare=25fc FilledVerySmallSquare=25aa fjlig=66.6a FJLIG=46.4a flat=266d FLAT=266d fllig=fb02 FLLIG=46.4c ' +
  'fltns=25b1 FLTNS=25b1 fnof=192 FNOF=191 Fopf=1d53d fopf=1d557 FOPF=1d557 ForAll=2200 forall=2200 FORALL=2200 fork=22d4 FORK=22d4 ' +
  'forkv=2ad9 FORKV=2ad9 Fouriertrf=2131 fpartint=2a0d FPARTINT=2a0d frac12=bd FRAC12=bd frac13=2153 FRAC13=2153 frac14=bc FRAC14=bc ' +
  'frac15=2155 FRAC15=2155 frac16=2159 FRAC16=2159 frac18=215b FRAC18=215b frac23=2154 FRAC23=2154 frac25=2156 FRAC25=2156 frac34=be ' +
  'FRAC34=be frac35=2157 FRAC35=2157 frac38=215c FRAC38=215c frac45=2158 FRAC45=2158 frac56=215a FRAC56=215a frac58=215d FRAC58=215d ' +
  'frac78=215e FRAC78=215e frasl=2044 FRASL=2044 frown=2322 FROWN=2322 Fscr=2131 fscr=1d4bb FSCR=1d4bb gacute=1f5 GACUTE=1f4 Gamma=393 ' +
  'gamma=3b3 GAMMA=393 Gammad=3dc gammad=3dd GAMMAD=3dc gap=2a86 GAP=2a86 Gbreve=11e gbreve=11f GBREVE=11e Gcedil=122 Gcirc=11c ' +
  'gcirc=11d GCIRC=11c Gcy=413 gcy=433 GCY=413 Gdot=120 gdot=121 GDOT=120 gE=2267 ge=2265 GE=2265 gEl=2a8c gel=22db GEL=22db geq=2265 ' +
  'GEQ=2265 geqq=2267 GEQQ=2267 geqslant=2a7e GEQSLANT=2a7e ges=2a7e GES=2a7e gescc=2aa9 GESCC=2aa9 gesdot=2a80 GESDOT=2a80 ' +
  'gesdoto=2a82 GESDOTO=2a82 gesdotol=2a84 GESDOTOL=2a84 gesl=22db.fe00 GESL=22db.fe00 gesles=2a94 GESLES=2a94 Gfr=1d50a gfr=1d524 ' +
  'GFR=1d524 Gg=22d9 gg=226b GG=226b ggg=22d9 GGG=22d9 gimel=2137 GIMEL=2137 GJcy=403 gjcy=453 GJCY=403 gl=2277 GL=2277 gla=2aa5 ' +
  'GLA=2aa5 glE=2a92 glj=2aa4 GLJ=2aa4 gnap=2a8a GNAP=2a8a gnapprox=2a8a GNAPPROX=2a8a gnE=2269 gne=2a88 GNE=2a88 gneq=2a88 GNEQ=2a88 ' +
  'gneqq=2269 GNEQQ=2269 gnsim=22e7 GNSIM=22e7 Gopf=1d53e gopf=1d558 GOPF=1d558 grave=60 GRAVE=60 GreaterEqual=2265 ' +
  'GreaterEqualLess=22db GreaterFullEqual=2267 GreaterGreater=2aa2 GreaterLess=2277 GreaterSlantEqual=2a7e GreaterTilde=2273 Gscr=1d4a2 ' +
  'gscr=210a GSCR=210a gsim=2273 GSIM=2273 gsime=2a8e GSIME=2a8e gsiml=2a90 GSIML=2a90 GT=3e Gt=226b gt=3e gtcc=2aa7 gtcir=2a7a ' +
  'gtdot=22d7 gtlPar=2995 gtquest=2a7c gtrapprox=2a86 gtrarr=2978 gtrdot=22d7 gtreqless=22db gtreqqless=2a8c gtrless=2277 gtrsim=2273 ' +
  'gvertneqq=2269.fe00 GVERTNEQQ=2269.fe00 gvnE=2269.fe00 Hacek=2c7 hairsp=200a HAIRSP=200a half=bd HALF=bd hamilt=210b HAMILT=210b ' +
  'HARDcy=42a hardcy=44a HARDCY=42a hArr=21d4 harr=2194 HARR=2194 harrcir=2948 HARRCIR=2948 harrw=21ad HARRW=21ad Hat=5e hbar=210f ' +
  'HBAR=210f Hcirc=124 hcirc=125 HCIRC=124 hearts=2665 HEARTS=2665 heartsuit=2665 HEARTSUIT=2665 hellip=2026 HELLIP=2026 hercon=22b9 ' +
  'HERCON=22b9 Hfr=210c hfr=1d525 HFR=1d525 HilbertSpace=210b hksearow=2925 HKSEAROW=2925 hkswarow=2926 HKSWAROW=2926 hoarr=21ff ' +
  'HOARR=21ff homtht=223b HOMTHT=223b hookleftarrow=21a9 HOOKLEFTARROW=21a9 hookrightarrow=21aa HOOKRIGHTARROW=21aa Hopf=210d ' +
  'hopf=1d559 HOPF=1d559 horbar=2015 HORBAR=2015 HorizontalLine=2500 Hscr=210b hscr=1d4bd HSCR=1d4bd hslash=210f HSLASH=210f Hstrok=126 ' +
  'hstrok=127 HSTROK=126 HumpDownHump=224e HumpEqual=224f hybull=2043 HYBULL=2043 hyphen=2010 HYPHEN=2010 Iacute=cd iacute=ed IACUTE=cd ' +
  'ic=2063 IC=2063 Icirc=ce icirc=ee ICIRC=ce Icy=418 icy=438 ICY=418 Idot=130 IEcy=415 iecy=435 IECY=415 iexcl=a1 IEXCL=a1 iff=21d4 ' +
  'IFF=21d4 Ifr=2111 ifr=1d526 IFR=1d526 Igrave=cc igrave=ec IGRAVE=cc ii=2148 II=2148 iiiint=2a0c IIIINT=2a0c iiint=222d IIINT=222d ' +
  'iinfin=29dc IINFIN=29dc iiota=2129 IIOTA=2129 IJlig=132 ijlig=133 IJLIG=132 Im=2111 Imacr=12a imacr=12b IMACR=12a image=2111 ' +
  'IMAGE=2111 ImaginaryI=2148 imagline=2110 IMAGLINE=2110 imagpart=2111 IMAGPART=2111 imath=131 IMATH=49 imof=22b7 IMOF=22b7 imped=1b5 ' +
  'IMPED=1b5 Implies=21d2 in=2208 IN=2208 incare=2105 INCARE=2105 infin=221e INFIN=221e infintie=29dd INFINTIE=29dd inodot=131 ' +
  'INODOT=49 Int=222c int=222b INT=222b intcal=22ba INTCAL=22ba integers=2124 INTEGERS=2124 Integral=222b intercal=22ba INTERCAL=22ba ' +
  'Intersection=22c2 intlarhk=2a17 INTLARHK=2a17 intprod=2a3c INTPROD=2a3c InvisibleComma=2063 InvisibleTimes=2062 IOcy=401 iocy=451 ' +
  'IOCY=401 Iogon=12e iogon=12f IOGON=12e Iopf=1d540 iopf=1d55a IOPF=1d55a Iota=399 iota=3b9 IOTA=399 iprod=2a3c IPROD=2a3c iquest=bf ' +
  'IQUEST=bf Iscr=2110 iscr=1d4be ISCR=1d4be isin=2208 ISIN=2208 isindot=22f5 ISINDOT=22f5 isinE=22f9 isins=22f4 ISINS=22f4 isinsv=22f3 ' +
  'ISINSV=22f3 isinv=2208 ISINV=2208 it=2062 IT=2062 Itilde=128 itilde=129 ITILDE=128 Iukcy=406 iukcy=456 IUKCY=406 Iuml=cf iuml=ef ' +
  'IUML=cf Jcirc=134 jcirc=135 JCIRC=134 Jcy=419 jcy=439 JCY=419 Jfr=1d50d jfr=1d527 JFR=1d527 jmath=237 JMATH=237 Jopf=1d541 ' +
  'jopf=1d55b JOPF=1d55b Jscr=1d4a5 jscr=1d4bf JSCR=1d4bf Jsercy=408 jsercy=458 JSERCY=408 Jukcy=404 jukcy=454 JUKCY=404 Kappa=39a ' +
  'kappa=3ba KAPPA=39a kappav=3f0 KAPPAV=39a Kcedil=136 kcedil=137 KCEDIL=136 Kcy=41a kcy=43a KCY=41a Kfr=1d50e kfr=1d528 KFR=1d528 ' +
  'kgreen=138 KGREEN=138 KHcy=425 khcy=445 KHCY=425 KJcy=40c kjcy=45c KJCY=40c Kopf=1d542 kopf=1d55c KOPF=1d55c Kscr=1d4a6 kscr=1d4c0 ' +
  'KSCR=1d4c0 lAarr=21da Lacute=139 lacute=13a LACUTE=139 laemptyv=29b4 LAEMPTYV=29b4 lagran=2112 LAGRAN=2112 Lambda=39b lambda=3bb ' +
  'LAMBDA=39b Lang=27ea lang=27e8 LANG=27e8 langd=2991 LANGD=2991 langle=27e8 LANGLE=27e8 lap=2a85 LAP=2a85 Laplacetrf=2112 laquo=ab ' +
  'LAQUO=ab Larr=219e lArr=21d0 larr=2190 LARR=2190 larrb=21e4 LARRB=21e4 larrbfs=291f LARRBFS=291f larrfs=291d LARRFS=291d larrhk=21a9 ' +
  'LARRHK=21a9 larrlp=21ab LARRLP=21ab larrpl=2939 LARRPL=2939 larrsim=2973 LARRSIM=2973 larrtl=21a2 LARRTL=21a2 lat=2aab LAT=2aab ' +
  'lAtail=291b latail=2919 LATAIL=2919 late=2aad LATE=2aad lates=2aad.fe00 LATES=2aad.fe00 lBarr=290e lbarr=290c LBARR=290c lbbrk=2772 ' +
  'LBBRK=2772 lbrace=7b LBRACE=7b lbrack=5b LBRACK=5b lbrke=298b LBRKE=298b lbrksld=298f LBRKSLD=298f lbrkslu=298d LBRKSLU=298d ' +
  'Lcaron=13d lcaron=13e LCARON=13d Lcedil=13b lcedil=13c LCEDIL=13b lceil=2308 LCEIL=2308 lcub=7b LCUB=7b Lcy=41b lcy=43b LCY=41b ' +
  'ldca=2936 LDCA=2936 ldquo=201c LDQUO=201c ldquor=201e LDQUOR=201e ldrdhar=2967 LDRDHAR=2967 ldrushar=294b LDRUSHAR=294b ldsh=21b2 ' +
  'LDSH=21b2 lE=2266 le=2264 LE=2264 LeftAngleBracket=27e8 LeftArrow=2190 Leftarrow=21d0 leftarrow=2190 LEFTARROW=2190 ' +
  'LeftArrowBar=21e4 LeftArrowRightArrow=21c6 leftarrowtail=21a2 LEFTARROWTAIL=21a2 LeftCeiling=2308 LeftDoubleBracket=27e6 ' +
  'LeftDownTeeVector=2961 LeftDownVector=21c3 LeftDownVectorBar=2959 LeftFloor=230a leftharpoondown=21bd LEFTHARPOONDOWN=21bd ' +
  'leftharpoonup=21bc LEFTHARPOONUP=21bc leftleftarrows=21c7 LEFTLEFTARROWS=21c7 LeftRightArrow=2194 Leftrightarrow=21d4 ' +
  'leftrightarrow=2194 LEFTRIGHTARROW=2194 leftrightarrows=21c6 LEFTRIGHTARROWS=21c6 leftrightharpoons=21cb LEFTRIGHTHARPOONS=21cb ' +
  'leftrightsquigarrow=21ad LEFTRIGHTSQUIGARROW=21ad LeftRightVector=294e LeftTee=22a3 LeftTeeArrow=21a4 LeftTeeVector=295a ' +
  'leftthreetimes=22cb LEFTTHREETIMES=22cb LeftTriangle=22b2 LeftTriangleBar=29cf LeftTriangleEqual=22b4 LeftUpDownVector=2951 ' +
  'LeftUpTeeVector=2960 LeftUpVector=21bf LeftUpVectorBar=2958 LeftVector=21bc LeftVectorBar=2952 lEg=2a8b leg=22da LEG=22da leq=2264 ' +
  'LEQ=2264 leqq=2266 LEQQ=2266 leqslant=2a7d LEQSLANT=2a7d les=2a7d LES=2a7d lescc=2aa8 LESCC=2aa8 lesdot=2a7f LESDOT=2a7f ' +
  'lesdoto=2a81 LESDOTO=2a81 lesdotor=2a83 LESDOTOR=2a83 lesg=22da.fe00 LESG=22da.fe00 lesges=2a93 LESGES=2a93 lessapprox=2a85 ' +
  'LESSAPPROX=2a85 lessdot=22d6 LESSDOT=22d6 lesseqgtr=22da LESSEQGTR=22da lesseqqgtr=2a8b LESSEQQGTR=2a8b LessEqualGreater=22da ' +
  'LessFullEqual=2266 LessGreater=2276 lessgtr=2276 LESSGTR=2276 LessLess=2aa1 lesssim=2272 LESSSIM=2272 LessSlantEqual=2a7d ' +
  'LessTilde=2272 lfisht=297c LFISHT=297c lfloor=230a LFLOOR=230a Lfr=1d50f lfr=1d529 LFR=1d529 lg=2276 LG=2276 lgE=2a91 lHar=2962 ' +
  'lhard=21bd LHARD=21bd lharu=21bc LHARU=21bc lharul=296a LHARUL=296a lhblk=2584 LHBLK=2584 LJcy=409 ljcy=459 LJCY=409 Ll=22d8 ll=226a ' +
  'LL=226a llarr=21c7 LLARR=21c7 llcorner=231e LLCORNER=231e Lleftarrow=21da llhard=296b LLHARD=296b lltri=25fa LLTRI=25fa Lmidot=13f ' +
  'lmidot=140 LMIDOT=13f lmoust=23b0 LMOUST=23b0 lmoustache=23b0 LMOUSTACHE=23b0 lnap=2a89 LNAP=2a89 lnapprox=2a89 LNAPPROX=2a89 ' +
  'lnE=2268 lne=2a87 LNE=2a87 lneq=2a87 LNEQ=2a87 lneqq=2268 LNEQQ=2268 lnsim=22e6 LNSIM=22e6 loang=27ec LOANG=27ec loarr=21fd ' +
  'LOARR=21fd lobrk=27e6 LOBRK=27e6 LongLeftArrow=27f5 Longleftarrow=27f8 longleftarrow=27f5 LONGLEFTARROW=27f5 LongLeftRightArrow=27f7 ' +
  'Longleftrightarrow=27fa longleftrightarrow=27f7 LONGLEFTRIGHTARROW=27f7 longmapsto=27fc LONGMAPSTO=27fc LongRightArrow=27f6 ' +
  'Longrightarrow=27f9 longrightarrow=27f6 LONGRIGHTARROW=27f6 looparrowleft=21ab LOOPARROWLEFT=21ab looparrowright=21ac ' +
  'LOOPARROWRIGHT=21ac lopar=2985 LOPAR=2985 Lopf=1d543 lopf=1d55d LOPF=1d55d loplus=2a2d LOPLUS=2a2d lotimes=2a34 LOTIMES=2a34 ' +
  'lowast=2217 LOWAST=2217 lowbar=5f LOWBAR=5f LowerLeftArrow=2199 LowerRightArrow=2198 loz=25ca LOZ=25ca lozenge=25ca LOZENGE=25ca ' +
  'lozf=29eb LOZF=29eb lpar=28 LPAR=28 lparlt=2993 LPARLT=2993 lrarr=21c6 LRARR=21c6 lrcorner=231f LRCORNER=231f lrhar=21cb LRHAR=21cb ' +
  'lrhard=296d LRHARD=296d lrm=200e LRM=200e lrtri=22bf LRTRI=22bf lsaquo=2039 LSAQUO=2039 Lscr=2112 lscr=1d4c1 LSCR=1d4c1 Lsh=21b0 ' +
  'lsh=21b0 LSH=21b0 lsim=2272 LSIM=2272 lsime=2a8d LSIME=2a8d lsimg=2a8f LSIMG=2a8f lsqb=5b LSQB=5b lsquo=2018 LSQUO=2018 lsquor=201a ' +
  'LSQUOR=201a Lstrok=141 lstrok=142 LSTROK=141 LT=3c Lt=226a lt=3c ltcc=2aa6 ltcir=2a79 ltdot=22d6 lthree=22cb ltimes=22c9 ltlarr=2976 ' +
  'ltquest=2a7b ltri=25c3 ltrie=22b4 ltrif=25c2 ltrPar=2996 lurdshar=294a LURDSHAR=294a luruhar=2966 LURUHAR=2966 lvertneqq=2268.fe00 ' +
  'LVERTNEQQ=2268.fe00 lvnE=2268.fe00 macr=af MACR=af male=2642 MALE=2642 malt=2720 MALT=2720 maltese=2720 MALTESE=2720 Map=2905 ' +
  'map=21a6 MAP=21a6 mapsto=21a6 MAPSTO=21a6 mapstodown=21a7 MAPSTODOWN=21a7 mapstoleft=21a4 MAPSTOLEFT=21a4 mapstoup=21a5 ' +
  'MAPSTOUP=21a5 marker=25ae MARKER=25ae mcomma=2a29 MCOMMA=2a29 Mcy=41c mcy=43c MCY=41c mdash=2014 MDASH=2014 mDDot=223a ' +
  'measuredangle=2221 MEASUREDANGLE=2221 MediumSpace=205f Mellintrf=2133 Mfr=1d510 mfr=1d52a MFR=1d52a mho=2127 MHO=2127 micro=b5 ' +
  'MICRO=39c mid=2223 MID=2223 midast=2a MIDAST=2a midcir=2af0 MIDCIR=2af0 middot=b7 MIDDOT=b7 minus=2212 MINUS=2212 minusb=229f ' +
  'MINUSB=229f minusd=2238 MINUSD=2238 minusdu=2a2a MINUSDU=2a2a MinusPlus=2213 mlcp=2adb MLCP=2adb mldr=2026 MLDR=2026 mnplus=2213 ' +
  'MNPLUS=2213 models=22a7 MODELS=22a7 Mopf=1d544 mopf=1d55e MOPF=1d55e mp=2213 MP=2213 Mscr=2133 mscr=1d4c2 MSCR=1d4c2 mstpos=223e ' +
  'MSTPOS=223e Mu=39c mu=3bc MU=39c multimap=22b8 MULTIMAP=22b8 mumap=22b8 MUMAP=22b8 nabla=2207 NABLA=2207 Nacute=143 nacute=144 ' +
  'NACUTE=143 nang=2220.20d2 NANG=2220.20d2 nap=2249 NAP=2249 napE=2a70.338 napid=224b.338 NAPID=224b.338 napos=149 NAPOS=2bc.4e ' +
  'napprox=2249 NAPPROX=2249 natur=266e NATUR=266e natural=266e NATURAL=266e naturals=2115 NATURALS=2115 nbsp=a0 NBSP=a0 nbump=224e.338 ' +
  'NBUMP=224e.338 nbumpe=224f.338 NBUMPE=224f.338 ncap=2a43 NCAP=2a43 Ncaron=147 ncaron=148 NCARON=147 Ncedil=145 ncedil=146 NCEDIL=145 ' +
  'ncong=2247 NCONG=2247 ncongdot=2a6d.338 NCONGDOT=2a6d.338 ncup=2a42 NCUP=2a42 Ncy=41d ncy=43d NCY=41d ndash=2013 NDASH=2013 ne=2260 ' +
  'NE=2260 nearhk=2924 NEARHK=2924 neArr=21d7 nearr=2197 NEARR=2197 nearrow=2197 NEARROW=2197 nedot=2250.338 NEDOT=2250.338 ' +
  'NegativeMediumSpace=200b NegativeThickSpace=200b NegativeThinSpace=200b NegativeVeryThinSpace=200b nequiv=2262 NEQUIV=2262 ' +
  'nesear=2928 NESEAR=2928 nesim=2242.338 NESIM=2242.338 NestedGreaterGreater=226b NestedLessLess=226a NewLine=a nexist=2204 ' +
  'NEXIST=2204 nexists=2204 NEXISTS=2204 Nfr=1d511 nfr=1d52b NFR=1d52b ngE=2267.338 nge=2271 NGE=2271 ngeq=2271 NGEQ=2271 ' +
  'ngeqq=2267.338 NGEQQ=2267.338 ngeqslant=2a7e.338 NGEQSLANT=2a7e.338 nges=2a7e.338 NGES=2a7e.338 nGg=22d9.338 ngsim=2275 NGSIM=2275 ' +
  'nGt=226b.20d2 ngt=226f NGT=226f ngtr=226f NGTR=226f nGtv=226b.338 nhArr=21ce nharr=21ae NHARR=21ae nhpar=2af2 NHPAR=2af2 ni=220b ' +
  'NI=220b nis=22fc NIS=22fc nisd=22fa NISD=22fa niv=220b NIV=220b NJcy=40a njcy=45a NJCY=40a nlArr=21cd nlarr=219a NLARR=219a ' +
  'nldr=2025 NLDR=2025 nlE=2266.338 nle=2270 NLE=2270 nLeftarrow=21cd nleftarrow=219a NLEFTARROW=219a nLeftrightarrow=21ce ' +
  'nleftrightarrow=21ae NLEFTRIGHTARROW=21ae nleq=2270 NLEQ=2270 nleqq=2266.338 NLEQQ=2266.338 nleqslant=2a7d.338 NLEQSLANT=2a7d.338 ' +
  'nles=2a7d.338 NLES=2a7d.338 nless=226e NLESS=226e nLl=22d8.338 nlsim=2274 NLSIM=2274 nLt=226a.20d2 nlt=226e NLT=226e nltri=22ea ' +
  'NLTRI=22ea nltrie=22ec NLTRIE=22ec nLtv=226a.338 nmid=2224 NMID=2224 NoBreak=2060 NonBreakingSpace=a0 Nopf=2115 nopf=1d55f ' +
  'NOPF=1d55f Not=2aec not=ac NOT=ac NotCongruent=2262 NotCupCap=226d NotDoubleVerticalBar=2226 NotElement=2209 NotEqual=2260 ' +
  'NotEqualTilde=2242.338 NotExists=2204 NotGreater=226f NotGreaterEqual=2271 NotGreaterFullEqual=2267.338 NotGreaterGreater=226b.338 ' +
  'NotGreaterLess=2279 NotGreaterSlantEqual=2a7e.338 NotGreaterTilde=2275 NotHumpDownHump=224e.338 NotHumpEqual=224f.338 notin=2209 ' +
  'NOTIN=2209 notindot=22f5.338 NOTINDOT=22f5.338 notinE=22f9.338 notinva=2209 NOTINVA=2209 notinvb=22f7 NOTINVB=22f7 notinvc=22f6 ' +
  'NOTINVC=22f6 NotLeftTriangle=22ea NotLeftTriangleBar=29cf.338 NotLeftTriangleEqual=22ec NotLess=226e NotLessEqual=2270 ' +
  'NotLessGreater=2278 NotLessLess=226a.338 NotLessSlantEqual=2a7d.338 NotLessTilde=2274 NotNestedGreaterGreater=2aa2.338 ' +
  'NotNestedLessLess=2aa1.338 notni=220c NOTNI=220c notniva=220c NOTNIVA=220c notnivb=22fe NOTNIVB=22fe notnivc=22fd NOTNIVC=22fd ' +
  'NotPrecedes=2280 NotPrecedesEqual=2aaf.338 NotPrecedesSlantEqual=22e0 NotReverseElement=220c NotRightTriangle=22eb ' +
  'NotRightTriangleBar=29d0.338 NotRightTriangleEqual=22ed NotSquareSubset=228f.338 NotSquareSubsetEqual=22e2 ' +
  'NotSquareSuperset=2290.338 NotSquareSupersetEqual=22e3 NotSubset=2282.20d2 NotSubsetEqual=2288 NotSucceeds=2281 ' +
  'NotSucceedsEqual=2ab0.338 NotSucceedsSlantEqual=22e1 NotSucceedsTilde=227f.338 NotSuperset=2283.20d2 NotSupersetEqual=2289 ' +
  'NotTilde=2241 NotTildeEqual=2244 NotTildeFullEqual=2247 NotTildeTilde=2249 NotVerticalBar=2224 npar=2226 NPAR=2226 nparallel=2226 ' +
  'NPARALLEL=2226 nparsl=2afd.20e5 NPARSL=2afd.20e5 npart=2202.338 NPART=2202.338 npolint=2a14 NPOLINT=2a14 npr=2280 NPR=2280 ' +
  'nprcue=22e0 NPRCUE=22e0 npre=2aaf.338 NPRE=2aaf.338 nprec=2280 NPREC=2280 npreceq=2aaf.338 NPRECEQ=2aaf.338 nrArr=21cf nrarr=219b ' +
  'NRARR=219b nrarrc=2933.338 NRARRC=2933.338 nrarrw=219d.338 NRARRW=219d.338 nRightarrow=21cf nrightarrow=219b NRIGHTARROW=219b ' +
  'nrtri=22eb NRTRI=22eb nrtrie=22ed NRTRIE=22ed nsc=2281 NSC=2281 nsccue=22e1 NSCCUE=22e1 nsce=2ab0.338 NSCE=2ab0.338 Nscr=1d4a9 ' +
  'nscr=1d4c3 NSCR=1d4c3 nshortmid=2224 NSHORTMID=2224 nshortparallel=2226 NSHORTPARALLEL=2226 nsim=2241 NSIM=2241 nsime=2244 ' +
  'NSIME=2244 nsimeq=2244 NSIMEQ=2244 nsmid=2224 NSMID=2224 nspar=2226 NSPAR=2226 nsqsube=22e2 NSQSUBE=22e2 nsqsupe=22e3 NSQSUPE=22e3 ' +
  'nsub=2284 NSUB=2284 nsubE=2ac5.338 nsube=2288 NSUBE=2288 nsubset=2282.20d2 NSUBSET=2282.20d2 nsubseteq=2288 NSUBSETEQ=2288 ' +
  'nsubseteqq=2ac5.338 NSUBSETEQQ=2ac5.338 nsucc=2281 NSUCC=2281 nsucceq=2ab0.338 NSUCCEQ=2ab0.338 nsup=2285 NSUP=2285 nsupE=2ac6.338 ' +
  'nsupe=2289 NSUPE=2289 nsupset=2283.20d2 NSUPSET=2283.20d2 nsupseteq=2289 NSUPSETEQ=2289 nsupseteqq=2ac6.338 NSUPSETEQQ=2ac6.338 ' +
  'ntgl=2279 NTGL=2279 Ntilde=d1 ntilde=f1 NTILDE=d1 ntlg=2278 NTLG=2278 ntriangleleft=22ea NTRIANGLELEFT=22ea ntrianglelefteq=22ec ' +
  'NTRIANGLELEFTEQ=22ec ntriangleright=22eb NTRIANGLERIGHT=22eb ntrianglerighteq=22ed NTRIANGLERIGHTEQ=22ed Nu=39d nu=3bd NU=39d num=23 ' +
  'NUM=23 numero=2116 NUMERO=2116 numsp=2007 NUMSP=2007 nvap=224d.20d2 NVAP=224d.20d2 nVDash=22af nVdash=22ae nvDash=22ad nvdash=22ac ' +
  'NVDASH=22ac nvge=2265.20d2 NVGE=2265.20d2 nvgt=3e.20d2 NVGT=3e.20d2 nvHarr=2904 nvinfin=29de NVINFIN=29de nvlArr=2902 nvle=2264.20d2 ' +
  'NVLE=2264.20d2 nvlt=3c.20d2 NVLT=3c.20d2 nvltrie=22b4.20d2 NVLTRIE=22b4.20d2 nvrArr=2903 nvrtrie=22b5.20d2 NVRTRIE=22b5.20d2 ' +
  'nvsim=223c.20d2 NVSIM=223c.20d2 nwarhk=2923 NWARHK=2923 nwArr=21d6 nwarr=2196 NWARR=2196 nwarrow=2196 NWARROW=2196 nwnear=2927 ' +
  'NWNEAR=2927 Oacute=d3 oacute=f3 OACUTE=d3 oast=229b OAST=229b ocir=229a OCIR=229a Ocirc=d4 ocirc=f4 OCIRC=d4 Ocy=41e ocy=43e OCY=41e ' +
  'odash=229d ODASH=229d Odblac=150 odblac=151 ODBLAC=150 odiv=2a38 ODIV=2a38 odot=2299 ODOT=2299 odsold=29bc ODSOLD=29bc OElig=152 ' +
  'oelig=153 OELIG=152 ofcir=29bf OFCIR=29bf Ofr=1d512 ofr=1d52c OFR=1d52c ogon=2db OGON=2db Ograve=d2 ograve=f2 OGRAVE=d2 ogt=29c1 ' +
  'OGT=29c1 ohbar=29b5 OHBAR=29b5 ohm=3a9 OHM=3a9 oint=222e OINT=222e olarr=21ba OLARR=21ba olcir=29be OLCIR=29be olcross=29bb ' +
  'OLCROSS=29bb oline=203e OLINE=203e olt=29c0 OLT=29c0 Omacr=14c omacr=14d OMACR=14c Omega=3a9 omega=3c9 OMEGA=3a9 Omicron=39f ' +
  'omicron=3bf OMICRON=39f omid=29b6 OMID=29b6 ominus=2296 OMINUS=2296 Oopf=1d546 oopf=1d560 OOPF=1d560 opar=29b7 OPAR=29b7 ' +
  'OpenCurlyDoubleQuote=201c OpenCurlyQuote=2018 operp=29b9 OPERP=29b9 oplus=2295 OPLUS=2295 Or=2a54 or=2228 OR=2228 orarr=21bb ' +
  'ORARR=21bb ord=2a5d ORD=2a5d order=2134 ORDER=2134 orderof=2134 ORDEROF=2134 ordf=aa ORDF=aa ordm=ba ORDM=ba origof=22b6 ORIGOF=22b6 ' +
  'oror=2a56 OROR=2a56 orslope=2a57 ORSLOPE=2a57 orv=2a5b ORV=2a5b oS=24c8 Oscr=1d4aa oscr=2134 OSCR=2134 Oslash=d8 oslash=f8 OSLASH=d8 ' +
  'osol=2298 OSOL=2298 Otilde=d5 otilde=f5 OTILDE=d5 Otimes=2a37 otimes=2297 OTIMES=2297 otimesas=2a36 OTIMESAS=2a36 Ouml=d6 ouml=f6 ' +
  'OUML=d6 ovbar=233d OVBAR=233d OverBar=203e OverBrace=23de OverBracket=23b4 OverParenthesis=23dc par=2225 PAR=2225 para=b6 PARA=b6 ' +
  'parallel=2225 PARALLEL=2225 parsim=2af3 PARSIM=2af3 parsl=2afd PARSL=2afd part=2202 PART=2202 PartialD=2202 Pcy=41f pcy=43f PCY=41f ' +
  'percnt=25 PERCNT=25 period=2e PERIOD=2e permil=2030 PERMIL=2030 perp=22a5 PERP=22a5 pertenk=2031 PERTENK=2031 Pfr=1d513 pfr=1d52d ' +
  'PFR=1d52d Phi=3a6 phi=3c6 PHI=3a6 phiv=3d5 PHIV=3a6 phmmat=2133 PHMMAT=2133 phone=260e PHONE=260e Pi=3a0 pi=3c0 PI=3a0 ' +
  'pitchfork=22d4 PITCHFORK=22d4 piv=3d6 PIV=3a0 planck=210f PLANCK=210f planckh=210e PLANCKH=210e plankv=210f PLANKV=210f plus=2b ' +
  'PLUS=2b plusacir=2a23 PLUSACIR=2a23 plusb=229e PLUSB=229e pluscir=2a22 PLUSCIR=2a22 plusdo=2214 PLUSDO=2214 plusdu=2a25 PLUSDU=2a25 ' +
  'pluse=2a72 PLUSE=2a72 PlusMinus=b1 plusmn=b1 PLUSMN=b1 plussim=2a26 PLUSSIM=2a26 plustwo=2a27 PLUSTWO=2a27 pm=b1 PM=b1 ' +
  'Poincareplane=210c pointint=2a15 POINTINT=2a15 Popf=2119 popf=1d561 POPF=1d561 pound=a3 POUND=a3 Pr=2abb pr=227a PR=227a prap=2ab7 ' +
  'PRAP=2ab7 prcue=227c PRCUE=227c prE=2ab3 pre=2aaf PRE=2aaf prec=227a PREC=227a precapprox=2ab7 PRECAPPROX=2ab7 preccurlyeq=227c ' +
  'PRECCURLYEQ=227c Precedes=227a PrecedesEqual=2aaf PrecedesSlantEqual=227c PrecedesTilde=227e preceq=2aaf PRECEQ=2aaf ' +
  'precnapprox=2ab9 PRECNAPPROX=2ab9 precneqq=2ab5 PRECNEQQ=2ab5 precnsim=22e8 PRECNSIM=22e8 precsim=227e PRECSIM=227e Prime=2033 ' +
  'prime=2032 PRIME=2032 primes=2119 PRIMES=2119 prnap=2ab9 PRNAP=2ab9 prnE=2ab5 prnsim=22e8 PRNSIM=22e8 prod=220f PROD=220f ' +
  'Product=220f profalar=232e PROFALAR=232e profline=2312 PROFLINE=2312 profsurf=2313 PROFSURF=2313 prop=221d PROP=221d Proportion=2237 ' +
  'Proportional=221d propto=221d PROPTO=221d prsim=227e PRSIM=227e prurel=22b0 PRUREL=22b0 Pscr=1d4ab pscr=1d4c5 PSCR=1d4c5 Psi=3a8 ' +
  'psi=3c8 PSI=3a8 puncsp=2008 PUNCSP=2008 Qfr=1d514 qfr=1d52e QFR=1d52e qint=2a0c QINT=2a0c Qopf=211a qopf=1d562 QOPF=1d562 ' +
  'qprime=2057 QPRIME=2057 Qscr=1d4ac qscr=1d4c6 QSCR=1d4c6 quaternions=210d QUATERNIONS=210d quatint=2a16 QUATINT=2a16 quest=3f ' +
  'QUEST=3f questeq=225f QUESTEQ=225f QUOT=22 quot=22 rAarr=21db race=223d.331 RACE=223d.331 Racute=154 racute=155 RACUTE=154 ' +
  'radic=221a RADIC=221a raemptyv=29b3 RAEMPTYV=29b3 Rang=27eb rang=27e9 RANG=27e9 rangd=2992 RANGD=2992 range=29a5 RANGE=29a5 ' +
  'rangle=27e9 RANGLE=27e9 raquo=bb RAQUO=bb Rarr=21a0 rArr=21d2 rarr=2192 RARR=2192 rarrap=2975 RARRAP=2975 rarrb=21e5 RARRB=21e5 ' +
  'rarrbfs=2920 RARRBFS=2920 rarrc=2933 RARRC=2933 rarrfs=291e RARRFS=291e rarrhk=21aa RARRHK=21aa rarrlp=21ac RARRLP=21ac rarrpl=2945 ' +
  'RARRPL=2945 rarrsim=2974 RARRSIM=2974 Rarrtl=2916 rarrtl=21a3 RARRTL=21a3 rarrw=219d RARRW=219d rAtail=291c ratail=291a RATAIL=291a ' +
  'ratio=2236 RATIO=2236 rationals=211a RATIONALS=211a RBarr=2910 rBarr=290f rbarr=290d RBARR=290d rbbrk=2773 RBBRK=2773 rbrace=7d ' +
  'RBRACE=7d rbrack=5d RBRACK=5d rbrke=298c RBRKE=298c rbrksld=298e RBRKSLD=298e rbrkslu=2990 RBRKSLU=2990 Rcaron=158 rcaron=159 ' +
  'RCARON=158 Rcedil=156 rcedil=157 RCEDIL=156 rceil=2309 RCEIL=2309 rcub=7d RCUB=7d Rcy=420 rcy=440 RCY=420 rdca=2937 RDCA=2937 ' +
  'rdldhar=2969 RDLDHAR=2969 rdquo=201d RDQUO=201d rdquor=201d RDQUOR=201d rdsh=21b3 RDSH=21b3 Re=211c real=211c REAL=211c realine=211b ' +
  'REALINE=211b realpart=211c REALPART=211c reals=211d REALS=211d rect=25ad RECT=25ad REG=ae reg=ae ReverseElement=220b ' +
  'ReverseEquilibrium=21cb ReverseUpEquilibrium=296f rfisht=297d RFISHT=297d rfloor=230b RFLOOR=230b Rfr=211c rfr=1d52f RFR=1d52f ' +
  'rHar=2964 rhard=21c1 RHARD=21c1 rharu=21c0 RHARU=21c0 rharul=296c RHARUL=296c Rho=3a1 rho=3c1 RHO=3a1 rhov=3f1 RHOV=3a1 ' +
  'RightAngleBracket=27e9 RightArrow=2192 Rightarrow=21d2 rightarrow=2192 RIGHTARROW=2192 RightArrowBar=21e5 RightArrowLeftArrow=21c4 ' +
  'rightarrowtail=21a3 RIGHTARROWTAIL=21a3 RightCeiling=2309 RightDoubleBracket=27e7 RightDownTeeVector=295d RightDownVector=21c2 ' +
  'RightDownVectorBar=2955 RightFloor=230b rightharpoondown=21c1 RIGHTHARPOONDOWN=21c1 rightharpoonup=21c0 RIGHTHARPOONUP=21c0 ' +
  'rightleftarrows=21c4 RIGHTLEFTARROWS=21c4 rightleftharpoons=21cc RIGHTLEFTHARPOONS=21cc rightrightarrows=21c9 RIGHTRIGHTARROWS=21c9 ' +
  'rightsquigarrow=219d RIGHTSQUIGARROW=219d RightTee=22a2 RightTeeArrow=21a6 RightTeeVector=295b rightthreetimes=22cc ' +
  'RIGHTTHREETIMES=22cc RightTriangle=22b3 RightTriangleBar=29d0 RightTriangleEqual=22b5 RightUpDownVector=294f RightUpTeeVector=295c ' +
  'RightUpVector=21be RightUpVectorBar=2954 RightVector=21c0 RightVectorBar=2953 ring=2da RING=2da risingdotseq=2253 RISINGDOTSEQ=2253 ' +
  'rlarr=21c4 RLARR=21c4 rlhar=21cc RLHAR=21cc rlm=200f RLM=200f rmoust=23b1 RMOUST=23b1 rmoustache=23b1 RMOUSTACHE=23b1 rnmid=2aee ' +
  'RNMID=2aee roang=27ed ROANG=27ed roarr=21fe ROARR=21fe robrk=27e7 ROBRK=27e7 ropar=2986 ROPAR=2986 Ropf=211d ropf=1d563 ROPF=1d563 ' +
  'roplus=2a2e ROPLUS=2a2e rotimes=2a35 ROTIMES=2a35 RoundImplies=2970 rpar=29 RPAR=29 rpargt=2994 RPARGT=2994 rppolint=2a12 ' +
  'RPPOLINT=2a12 rrarr=21c9 RRARR=21c9 Rrightarrow=21db rsaquo=203a RSAQUO=203a Rscr=211b rscr=1d4c7 RSCR=1d4c7 Rsh=21b1 rsh=21b1 ' +
  'RSH=21b1 rsqb=5d RSQB=5d rsquo=2019 RSQUO=2019 rsquor=2019 RSQUOR=2019 rthree=22cc RTHREE=22cc rtimes=22ca RTIMES=22ca rtri=25b9 ' +
  'RTRI=25b9 rtrie=22b5 RTRIE=22b5 rtrif=25b8 RTRIF=25b8 rtriltri=29ce RTRILTRI=29ce RuleDelayed=29f4 ruluhar=2968 RULUHAR=2968 rx=211e ' +
  'RX=211e Sacute=15a sacute=15b SACUTE=15a sbquo=201a SBQUO=201a Sc=2abc sc=227b SC=227b scap=2ab8 SCAP=2ab8 Scaron=160 scaron=161 ' +
  'SCARON=160 sccue=227d SCCUE=227d scE=2ab4 sce=2ab0 SCE=2ab0 Scedil=15e scedil=15f SCEDIL=15e Scirc=15c scirc=15d SCIRC=15c ' +
  'scnap=2aba SCNAP=2aba scnE=2ab6 scnsim=22e9 SCNSIM=22e9 scpolint=2a13 SCPOLINT=2a13 scsim=227f SCSIM=227f Scy=421 scy=441 SCY=421 ' +
  'sdot=22c5 SDOT=22c5 sdotb=22a1 SDOTB=22a1 sdote=2a66 SDOTE=2a66 searhk=2925 SEARHK=2925 seArr=21d8 searr=2198 SEARR=2198 ' +
  'searrow=2198 SEARROW=2198 sect=a7 SECT=a7 semi=3b SEMI=3b seswar=2929 SESWAR=2929 setminus=2216 SETMINUS=2216 setmn=2216 SETMN=2216 ' +
  'sext=2736 SEXT=2736 Sfr=1d516 sfr=1d530 SFR=1d530 sfrown=2322 SFROWN=2322 sharp=266f SHARP=266f SHCHcy=429 shchcy=449 SHCHCY=429 ' +
  'SHcy=428 shcy=448 SHCY=428 ShortDownArrow=2193 ShortLeftArrow=2190 shortmid=2223 SHORTMID=2223 shortparallel=2225 SHORTPARALLEL=2225 ' +
  'ShortRightArrow=2192 ShortUpArrow=2191 shy=ad SHY=ad Sigma=3a3 sigma=3c3 SIGMA=3a3 sigmaf=3c2 SIGMAF=3a3 sigmav=3c2 SIGMAV=3a3 ' +
  'sim=223c SIM=223c simdot=2a6a SIMDOT=2a6a sime=2243 SIME=2243 simeq=2243 SIMEQ=2243 simg=2a9e SIMG=2a9e simgE=2aa0 siml=2a9d ' +
  'SIML=2a9d simlE=2a9f simne=2246 SIMNE=2246 simplus=2a24 SIMPLUS=2a24 simrarr=2972 SIMRARR=2972 slarr=2190 SLARR=2190 ' +
  'SmallCircle=2218 smallsetminus=2216 SMALLSETMINUS=2216 smashp=2a33 SMASHP=2a33 smeparsl=29e4 SMEPARSL=29e4 smid=2223 SMID=2223 ' +
  'smile=2323 SMILE=2323 smt=2aaa SMT=2aaa smte=2aac SMTE=2aac smtes=2aac.fe00 SMTES=2aac.fe00 SOFTcy=42c softcy=44c SOFTCY=42c sol=2f ' +
  'SOL=2f solb=29c4 SOLB=29c4 solbar=233f SOLBAR=233f Sopf=1d54a sopf=1d564 SOPF=1d564 spades=2660 SPADES=2660 spadesuit=2660 ' +
  'SPADESUIT=2660 spar=2225 SPAR=2225 sqcap=2293 SQCAP=2293 sqcaps=2293.fe00 SQCAPS=2293.fe00 sqcup=2294 SQCUP=2294 sqcups=2294.fe00 ' +
  'SQCUPS=2294.fe00 Sqrt=221a sqsub=228f SQSUB=228f sqsube=2291 SQSUBE=2291 sqsubset=228f SQSUBSET=228f sqsubseteq=2291 SQSUBSETEQ=2291 ' +
  'sqsup=2290 SQSUP=2290 sqsupe=2292 SQSUPE=2292 sqsupset=2290 SQSUPSET=2290 sqsupseteq=2292 SQSUPSETEQ=2292 squ=25a1 SQU=25a1 ' +
  'Square=25a1 square=25a1 SQUARE=25a1 SquareIntersection=2293 SquareSubset=228f SquareSubsetEqual=2291 SquareSuperset=2290 ' +
  'SquareSupersetEqual=2292 SquareUnion=2294 squarf=25aa SQUARF=25aa squf=25aa SQUF=25aa srarr=2192 SRARR=2192 Sscr=1d4ae sscr=1d4c8 ' +
  'SSCR=1d4c8 ssetmn=2216 SSETMN=2216 ssmile=2323 SSMILE=2323 sstarf=22c6 SSTARF=22c6 Star=22c6 star=2606 STAR=2606 starf=2605 ' +
  'STARF=2605 straightepsilon=3f5 STRAIGHTEPSILON=395 straightphi=3d5 STRAIGHTPHI=3a6 strns=af STRNS=af Sub=22d0 sub=2282 SUB=2282 ' +
  'subdot=2abd SUBDOT=2abd subE=2ac5 sube=2286 SUBE=2286 subedot=2ac3 SUBEDOT=2ac3 submult=2ac1 SUBMULT=2ac1 subnE=2acb subne=228a ' +
  'SUBNE=228a subplus=2abf SUBPLUS=2abf subrarr=2979 SUBRARR=2979 Subset=22d0 subset=2282 SUBSET=2282 subseteq=2286 SUBSETEQ=2286 ' +
  'subseteqq=2ac5 SUBSETEQQ=2ac5 SubsetEqual=2286 subsetneq=228a SUBSETNEQ=228a subsetneqq=2acb SUBSETNEQQ=2acb subsim=2ac7 SUBSIM=2ac7 ' +
  'subsub=2ad5 SUBSUB=2ad5 subsup=2ad3 SUBSUP=2ad3 succ=227b SUCC=227b succapprox=2ab8 SUCCAPPROX=2ab8 succcurlyeq=227d ' +
  'SUCCCURLYEQ=227d Succeeds=227b SucceedsEqual=2ab0 SucceedsSlantEqual=227d SucceedsTilde=227f succeq=2ab0 SUCCEQ=2ab0 ' +
  'succnapprox=2aba SUCCNAPPROX=2aba succneqq=2ab6 SUCCNEQQ=2ab6 succnsim=22e9 SUCCNSIM=22e9 succsim=227f SUCCSIM=227f SuchThat=220b ' +
  'Sum=2211 sum=2211 SUM=2211 sung=266a SUNG=266a sup1=b9 SUP1=b9 sup2=b2 SUP2=b2 sup3=b3 SUP3=b3 Sup=22d1 sup=2283 SUP=2283 ' +
  'supdot=2abe SUPDOT=2abe supdsub=2ad8 SUPDSUB=2ad8 supE=2ac6 supe=2287 SUPE=2287 supedot=2ac4 SUPEDOT=2ac4 Superset=2283 ' +
  'SupersetEqual=2287 suphsol=27c9 SUPHSOL=27c9 suphsub=2ad7 SUPHSUB=2ad7 suplarr=297b SUPLARR=297b supmult=2ac2 SUPMULT=2ac2 ' +
  'supnE=2acc supne=228b SUPNE=228b supplus=2ac0 SUPPLUS=2ac0 Supset=22d1 supset=2283 SUPSET=2283 supseteq=2287 SUPSETEQ=2287 ' +
  'supseteqq=2ac6 SUPSETEQQ=2ac6 supsetneq=228b SUPSETNEQ=228b supsetneqq=2acc SUPSETNEQQ=2acc supsim=2ac8 SUPSIM=2ac8 supsub=2ad4 ' +
  'SUPSUB=2ad4 supsup=2ad6 SUPSUP=2ad6 swarhk=2926 SWARHK=2926 swArr=21d9 swarr=2199 SWARR=2199 swarrow=2199 SWARROW=2199 swnwar=292a ' +
  'SWNWAR=292a szlig=df SZLIG=53.53 Tab=9 target=2316 TARGET=2316 Tau=3a4 tau=3c4 TAU=3a4 tbrk=23b4 TBRK=23b4 Tcaron=164 tcaron=165 ' +
  'TCARON=164 Tcedil=162 tcedil=163 TCEDIL=162 Tcy=422 tcy=442 TCY=422 tdot=20db TDOT=20db telrec=2315 TELREC=2315 Tfr=1d517 tfr=1d531 ' +
  'TFR=1d531 there4=2234 THERE4=2234 Therefore=2234 therefore=2234 THEREFORE=2234 Theta=398 theta=3b8 THETA=398 thetasym=3d1 ' +
  'THETASYM=398 thetav=3d1 THETAV=398 thickapprox=2248 THICKAPPROX=2248 thicksim=223c THICKSIM=223c ThickSpace=205f.200a thinsp=2009 ' +
  'THINSP=2009 ThinSpace=2009 thkap=2248 THKAP=2248 thksim=223c THKSIM=223c THORN=de thorn=fe Tilde=223c tilde=2dc TILDE=2dc ' +
  'TildeEqual=2243 TildeFullEqual=2245 TildeTilde=2248 times=d7 TIMES=d7 timesb=22a0 TIMESB=22a0 timesbar=2a31 TIMESBAR=2a31 ' +
  'timesd=2a30 TIMESD=2a30 tint=222d TINT=222d toea=2928 TOEA=2928 top=22a4 TOP=22a4 topbot=2336 TOPBOT=2336 topcir=2af1 TOPCIR=2af1 ' +
  'Topf=1d54b topf=1d565 TOPF=1d565 topfork=2ada TOPFORK=2ada tosa=2929 TOSA=2929 tprime=2034 TPRIME=2034 TRADE=2122 trade=2122 ' +
  'triangle=25b5 TRIANGLE=25b5 triangledown=25bf TRIANGLEDOWN=25bf triangleleft=25c3 TRIANGLELEFT=25c3 trianglelefteq=22b4 ' +
  'TRIANGLELEFTEQ=22b4 triangleq=225c TRIANGLEQ=225c triangleright=25b9 TRIANGLERIGHT=25b9 trianglerighteq=22b5 TRIANGLERIGHTEQ=22b5 ' +
  'tridot=25ec TRIDOT=25ec trie=225c TRIE=225c triminus=2a3a TRIMINUS=2a3a TripleDot=20db triplus=2a39 TRIPLUS=2a39 trisb=29cd ' +
  'TRISB=29cd tritime=2a3b TRITIME=2a3b trpezium=23e2 TRPEZIUM=23e2 Tscr=1d4af tscr=1d4c9 TSCR=1d4c9 TScy=426 tscy=446 TSCY=426 ' +
  'TSHcy=40b tshcy=45b TSHCY=40b Tstrok=166 tstrok=167 TSTROK=166 twixt=226c TWIXT=226c twoheadleftarrow=219e TWOHEADLEFTARROW=219e ' +
  'twoheadrightarrow=21a0 TWOHEADRIGHTARROW=21a0 Uacute=da uacute=fa UACUTE=da Uarr=219f uArr=21d1 uarr=2191 UARR=2191 Uarrocir=2949 ' +
  'Ubrcy=40e ubrcy=45e UBRCY=40e Ubreve=16c ubreve=16d UBREVE=16c Ucirc=db ucirc=fb UCIRC=db Ucy=423 ucy=443 UCY=423 udarr=21c5 ' +
  'UDARR=21c5 Udblac=170 udblac=171 UDBLAC=170 udhar=296e UDHAR=296e ufisht=297e UFISHT=297e Ufr=1d518 ufr=1d532 UFR=1d532 Ugrave=d9 ' +
  'ugrave=f9 UGRAVE=d9 uHar=2963 uharl=21bf UHARL=21bf uharr=21be UHARR=21be uhblk=2580 UHBLK=2580 ulcorn=231c ULCORN=231c ' +
  'ulcorner=231c ULCORNER=231c ulcrop=230f ULCROP=230f ultri=25f8 ULTRI=25f8 Umacr=16a umacr=16b UMACR=16a uml=a8 UML=a8 UnderBar=5f ' +
  'UnderBrace=23df UnderBracket=23b5 UnderParenthesis=23dd Union=22c3 UnionPlus=228e Uogon=172 uogon=173 UOGON=172 Uopf=1d54c ' +
  'uopf=1d566 UOPF=1d566 UpArrow=2191 Uparrow=21d1 uparrow=2191 UPARROW=2191 UpArrowBar=2912 UpArrowDownArrow=21c5 UpDownArrow=2195 ' +
  'Updownarrow=21d5 updownarrow=2195 UPDOWNARROW=2195 UpEquilibrium=296e upharpoonleft=21bf UPHARPOONLEFT=21bf upharpoonright=21be ' +
  'UPHARPOONRIGHT=21be uplus=228e UPLUS=228e UpperLeftArrow=2196 UpperRightArrow=2197 Upsi=3d2 upsi=3c5 UPSI=3a5 upsih=3d2 UPSIH=3d2 ' +
  'Upsilon=3a5 upsilon=3c5 UPSILON=3a5 UpTee=22a5 UpTeeArrow=21a5 upuparrows=21c8 UPUPARROWS=21c8 urcorn=231d URCORN=231d urcorner=231d ' +
  'URCORNER=231d urcrop=230e URCROP=230e Uring=16e uring=16f URING=16e urtri=25f9 URTRI=25f9 Uscr=1d4b0 uscr=1d4ca USCR=1d4ca ' +
  'utdot=22f0 UTDOT=22f0 Utilde=168 utilde=169 UTILDE=168 utri=25b5 UTRI=25b5 utrif=25b4 UTRIF=25b4 uuarr=21c8 UUARR=21c8 Uuml=dc ' +
  'uuml=fc UUML=dc uwangle=29a7 UWANGLE=29a7 vangrt=299c VANGRT=299c varepsilon=3f5 VAREPSILON=395 varkappa=3f0 VARKAPPA=39a ' +
  'varnothing=2205 VARNOTHING=2205 varphi=3d5 VARPHI=3a6 varpi=3d6 VARPI=3a0 varpropto=221d VARPROPTO=221d vArr=21d5 varr=2195 ' +
  'VARR=2195 varrho=3f1 VARRHO=3a1 varsigma=3c2 VARSIGMA=3a3 varsubsetneq=228a.fe00 VARSUBSETNEQ=228a.fe00 varsubsetneqq=2acb.fe00 ' +
  'VARSUBSETNEQQ=2acb.fe00 varsupsetneq=228b.fe00 VARSUPSETNEQ=228b.fe00 varsupsetneqq=2acc.fe00 VARSUPSETNEQQ=2acc.fe00 vartheta=3d1 ' +
  'VARTHETA=398 vartriangleleft=22b2 VARTRIANGLELEFT=22b2 vartriangleright=22b3 VARTRIANGLERIGHT=22b3 Vbar=2aeb vBar=2ae8 vBarv=2ae9 ' +
  'Vcy=412 vcy=432 VCY=412 VDash=22ab Vdash=22a9 vDash=22a8 vdash=22a2 VDASH=22a2 Vdashl=2ae6 Vee=22c1 vee=2228 VEE=2228 veebar=22bb ' +
  'VEEBAR=22bb veeeq=225a VEEEQ=225a vellip=22ee VELLIP=22ee Verbar=2016 verbar=7c VERBAR=7c Vert=2016 vert=7c VERT=7c VerticalBar=2223 ' +
  'VerticalLine=7c VerticalSeparator=2758 VerticalTilde=2240 VeryThinSpace=200a Vfr=1d519 vfr=1d533 VFR=1d533 vltri=22b2 VLTRI=22b2 ' +
  'vnsub=2282.20d2 VNSUB=2282.20d2 vnsup=2283.20d2 VNSUP=2283.20d2 Vopf=1d54d vopf=1d567 VOPF=1d567 vprop=221d VPROP=221d vrtri=22b3 ' +
  'VRTRI=22b3 Vscr=1d4b1 vscr=1d4cb VSCR=1d4cb vsubnE=2acb.fe00 vsubne=228a.fe00 VSUBNE=228a.fe00 vsupnE=2acc.fe00 vsupne=228b.fe00 ' +
  'VSUPNE=228b.fe00 Vvdash=22aa vzigzag=299a VZIGZAG=299a Wcirc=174 wcirc=175 WCIRC=174 wedbar=2a5f WEDBAR=2a5f Wedge=22c0 wedge=2227 ' +
  'WEDGE=2227 wedgeq=2259 WEDGEQ=2259 weierp=2118 WEIERP=2118 Wfr=1d51a wfr=1d534 WFR=1d534 Wopf=1d54e wopf=1d568 WOPF=1d568 wp=2118 ' +
  'WP=2118 wr=2240 WR=2240 wreath=2240 WREATH=2240 Wscr=1d4b2 wscr=1d4cc WSCR=1d4cc xcap=22c2 XCAP=22c2 xcirc=25ef XCIRC=25ef xcup=22c3 ' +
  'XCUP=22c3 xdtri=25bd XDTRI=25bd Xfr=1d51b xfr=1d535 XFR=1d535 xhArr=27fa xharr=27f7 XHARR=27f7 Xi=39e xi=3be XI=39e xlArr=27f8 ' +
  'xlarr=27f5 XLARR=27f5 xmap=27fc XMAP=27fc xnis=22fb XNIS=22fb xodot=2a00 XODOT=2a00 Xopf=1d54f xopf=1d569 XOPF=1d569 xoplus=2a01 ' +
  'XOPLUS=2a01 xotime=2a02 XOTIME=2a02 xrArr=27f9 xrarr=27f6 XRARR=27f6 Xscr=1d4b3 xscr=1d4cd XSCR=1d4cd xsqcup=2a06 XSQCUP=2a06 ' +
  'xuplus=2a04 XUPLUS=2a04 xutri=25b3 XUTRI=25b3 xvee=22c1 XVEE=22c1 xwedge=22c0 XWEDGE=22c0 Yacute=dd yacute=fd YACUTE=dd YAcy=42f ' +
  'yacy=44f YACY=42f Ycirc=176 ycirc=177 YCIRC=176 Ycy=42b ycy=44b YCY=42b yen=a5 YEN=a5 Yfr=1d51c yfr=1d536 YFR=1d536 YIcy=407 ' +
  'yicy=457 YICY=407 Yopf=1d550 yopf=1d56a YOPF=1d56a Yscr=1d4b4 yscr=1d4ce YSCR=1d4ce YUcy=42e yucy=44e YUCY=42e Yuml=178 yuml=ff ' +
  'YUML=178 Zacute=179 zacute=17a ZACUTE=179 Zcaron=17d zcaron=17e ZCARON=17d Zcy=417 zcy=437 ZCY=417 Zdot=17b zdot=17c ZDOT=17b ' +
  'zeetrf=2128 ZEETRF=2128 ZeroWidthSpace=200b Zeta=396 zeta=3b6 ZETA=396 Zfr=2128 zfr=1d537 ZFR=1d537 ZHcy=416 zhcy=436 ZHCY=416 ' +
  'zigrarr=21dd ZIGRARR=21dd Zopf=2124 zopf=1d56b ZOPF=1d56b Zscr=1d4b5 zscr=1d4cf ZSCR=1d4cf zwj=200d ZWJ=200d zwnj=200c ZWNJ=200c';

/** Entity name without `&` and `;` → the text it stands for. */
export const HTML_ENTITIES: ReadonlyMap<string, string> = new Map(
  PACKED.split(' ').map((row) => {
    const eq = row.indexOf('=');
    const text = String.fromCodePoint(...row.slice(eq + 1).split('.').map((h) => parseInt(h, 16)));
    return [row.slice(0, eq), text] as const;
  }),
);
