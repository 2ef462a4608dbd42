976301,city??,TX,country??,2012,35.2070121765,-101.940917969,Not Available,1,8760
WIND Toolkit data from NREL downloaded on 2022-3-26
Temperature,Pressure,Speed,Direction,Temperature,Pressure,Speed,Direction
C,atm,m/s,Degrees,C,atm,m/s,Degrees
80,80,80,80,100,100,100,100
4.7,0.88,12.290,358.5,4.6,0.88,13.540,359.4
3.8,0.88,12.160,2.6,3.7,0.88,13.380,5.9
2.9,0.88,8.500,0.2,2.8,0.88,9.440,4.4
